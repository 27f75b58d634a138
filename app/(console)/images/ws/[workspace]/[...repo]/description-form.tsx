'use client';

import { useState } from 'react';
import { useEditRepository } from '@/lib/client/use-images';
import { useT } from '@/lib/i18n/react';
import { Markdown } from '@/components/images/markdown';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/field';
import { ModalActions } from '@/components/ui/modal';
import { useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

/** Markdown description, edited beside its preview. */
export function DescriptionForm({ workspace, name, description, onDone }: { workspace: string; name: string; description: string; onDone: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const edit = useEditRepository();
  const [text, setText] = useState(description);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        edit.mutate({ workspace, name, description: text }, { onSuccess: onDone });
      }}
    >
      {edit.error ? <Notice>{errorText(edit.error)}</Notice> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="repo-description" label={t('images.tags.markdown')}>
          <Textarea id="repo-description" rows={12} className="font-mono" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <div>
          <p className="mb-1.5 text-sm font-medium text-slate-700 dark:text-slate-300">{t('images.tags.preview')}</p>
          <div className="min-h-20 rounded-md border border-slate-200 p-3 dark:border-slate-800">
            {text.trim() ? <Markdown source={text} /> : <p className="text-sm text-slate-500">{t('common.none')}</p>}
          </div>
        </div>
      </div>
      <ModalActions>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={edit.isPending}>{edit.isPending ? t('common.saving') : t('common.save')}</Button>
      </ModalActions>
    </form>
  );
}
