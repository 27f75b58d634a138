'use client';

import { stringify } from 'yaml';
import type { ObjectDiff } from '@/lib/deploy/diff';
import type { ChangePreview } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { Badge } from '@/components/ui/table';
import { Notice } from '@/components/ui/states';

const actionTone = { create: 'green', update: 'amber', delete: 'red', unchanged: 'slate' } as const;

function show(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function Changes({ diff }: { diff: ObjectDiff }) {
  const { t } = useI18n();
  return (
    <table className="mt-2 w-full table-fixed text-xs">
      <thead>
        <tr className="text-left text-slate-500 dark:text-slate-400">
          <th className="w-2/5 py-1 pr-2 font-medium">{t('deploy.diff.field')}</th>
          <th className="py-1 pr-2 font-medium">{t('deploy.diff.from')}</th>
          <th className="py-1 font-medium">{t('deploy.diff.to')}</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {diff.changes.map((c) => (
          <tr key={c.path} className="border-t border-slate-100 align-top dark:border-slate-800">
            <td className="py-1 pr-2 break-all text-slate-700 dark:text-slate-300">{c.path}</td>
            <td className="py-1 pr-2 break-all text-red-700 dark:text-red-400">
              {c.from === undefined ? <span className="text-slate-400 italic">{t('deploy.diff.absent')}</span> : <del className="no-underline">{show(c.from)}</del>}
            </td>
            <td className="py-1 break-all text-emerald-700 dark:text-emerald-400">
              {c.to === undefined ? <span className="text-slate-400 italic">{t('deploy.diff.absent')}</span> : <ins className="no-underline">{show(c.to)}</ins>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ObjectRow({ diff }: { diff: ObjectDiff }) {
  const { t } = useI18n();
  const head = (
    <span className="flex flex-wrap items-center gap-2">
      <Badge tone={actionTone[diff.action]}>{t(`deploy.diff.${diff.action}`)}</Badge>
      <span className="font-mono text-sm text-slate-800 dark:text-slate-200">{diff.kind}/{diff.name}</span>
      {diff.action === 'update' ? <span className="text-xs text-slate-500 dark:text-slate-400">({diff.changes.length})</span> : null}
    </span>
  );
  if (diff.action === 'unchanged') return <li className="px-4 py-2.5">{head}</li>;
  // Updates are what an auditor reads first: open, field by field. A new or removed object is shown whole, folded.
  const whole = diff.action === 'create' ? diff.after : diff.action === 'delete' ? diff.before : undefined;
  return (
    <li className="px-4 py-2.5">
      <details open={diff.action === 'update'}>
        <summary className="cursor-pointer list-none">{head}</summary>
        {whole !== undefined ? (
          <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200">{stringify(whole)}</pre>
        ) : (
          <Changes diff={diff} />
        )}
      </details>
    </li>
  );
}

/** The per-cluster object diff: create / update / delete / unchanged, field by field from → to. */
export function DiffView({ diff }: { diff: ChangePreview }) {
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      {diff.pullWarning ? (
        <Notice tone="warning">
          <strong>{t('deploy.diff.pullWarning')}:</strong> {diff.pullWarning}
        </Notice>
      ) : null}
      {diff.clusters.map((c) => (
        <section key={c.cluster} aria-label={t('deploy.diff.title', { cluster: c.cluster })} className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h3 className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold text-slate-900 dark:border-slate-800 dark:text-slate-100">
            {t('deploy.diff.title', { cluster: c.cluster })}
          </h3>
          {c.error ? <div className="px-4 pt-3"><Notice tone="warning">{t('deploy.diff.unreadable', { message: c.error })}</Notice></div> : null}
          {c.objects.length === 0 || c.objects.every((o) => o.action === 'unchanged') ? (
            <p className="px-4 pt-3 text-sm text-slate-600 dark:text-slate-400">{t('deploy.diff.noChange')}</p>
          ) : null}
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {c.objects.map((o) => <ObjectRow key={o.key} diff={o} />)}
          </ul>
        </section>
      ))}
    </div>
  );
}
