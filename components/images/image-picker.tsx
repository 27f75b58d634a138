'use client';

import { useId, useState } from 'react';
import { useRepositories, useTags, type Repository } from '@/lib/client/use-images';
import { useT } from '@/lib/i18n/react';
import { Field, Input, Select } from '@/components/ui/field';

/**
 * What a workload or app form stores for a catalog image: `workspace/repo:tag`,
 * or `repo:tag` for the public `library` workspace (a reference without a
 * registry host means `library`, as with Docker Hub).
 */
export function imageReference(workspace: string, repository: string, tag: string): string {
  return `${workspace === 'library' ? '' : `${workspace}/`}${repository}:${tag}`;
}

/**
 * Picks an image from the catalog: search repositories (the caller's private
 * ones and public ones), then a tag. Reports the reference on every change;
 * `value` is only shown, so a form may also accept a typed reference.
 */
export function ImagePicker({ value, onChange, id }: { value: string; onChange: (ref: string) => void; id?: string }) {
  const t = useT();
  const auto = useId();
  const base = id ?? `image-picker-${auto}`;
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Repository | null>(null);
  const priv = useRepositories({ page: 1, pageSize: 8, q, public: false, orderBy: 'pull_count', order: 'desc' });
  const pub = useRepositories({ page: 1, pageSize: 8, q, public: true, orderBy: 'pull_count', order: 'desc' });
  const tags = useTags(chosen?.harbor_project_name ?? '', chosen?.name ?? '', { page: 1, pageSize: 200, orderBy: 'creation_time', order: 'desc' }, !!chosen);
  const options = [...(priv.data?.images ?? []), ...(pub.data?.images ?? [])];
  return (
    <div className="space-y-3">
      <Field id={`${base}-search`} label={t('images.picker.label')} hint={value || undefined}>
        <Input
          id={`${base}-search`}
          role="combobox"
          aria-expanded={!chosen && options.length > 0}
          aria-controls={`${base}-list`}
          placeholder={t('images.picker.placeholder')}
          value={chosen ? `${chosen.harbor_project_name}/${chosen.name}` : q}
          onChange={(e) => {
            setChosen(null);
            setQ(e.target.value);
          }}
          autoComplete="off"
        />
      </Field>
      {!chosen ? (
        <ul id={`${base}-list`} role="listbox" aria-label={t('images.picker.choose')} className="max-h-56 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-800">
          {options.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-500">{priv.isPending || pub.isPending ? t('common.loading') : t('images.picker.noMatch')}</li>
          ) : (
            options.map((r) => (
              <li
                key={r.id}
                role="option"
                aria-selected={false}
                tabIndex={0}
                onClick={() => setChosen(r)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setChosen(r)}
                className="flex cursor-pointer items-center justify-between gap-3 px-3 py-2 text-sm hover:bg-slate-50 focus:bg-slate-50 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800"
              >
                <span className="font-medium text-slate-900 dark:text-slate-100">{r.harbor_project_name}/{r.name}</span>
                <span className="text-xs text-slate-500">{r.public === 'True' ? t('images.public') : t('images.private')} · {r.tags_count}</span>
              </li>
            ))
          )}
        </ul>
      ) : (
        <Field id={`${base}-tag`} label={t('images.picker.tag')}>
          <Select
            id={`${base}-tag`}
            defaultValue=""
            onChange={(e) => e.target.value && onChange(imageReference(chosen.harbor_project_name, chosen.name, e.target.value))}
          >
            <option value="" disabled>
              {t('images.picker.tag')}…
            </option>
            {(tags.data?.tags ?? []).map((tag) => (
              <option key={tag.tag_name} value={tag.tag_name}>
                {tag.tag_name}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </div>
  );
}
