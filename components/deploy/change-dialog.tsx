'use client';

import { useState } from 'react';
import { ApiError } from '@/lib/client/api';
import { usePreview, useRequestChange, useRequestDelete } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Field, Select, Textarea, described } from '@/components/ui/field';
import { Modal, ModalActions } from '@/components/ui/modal';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { DiffView } from './diff-view';

export type ChangeKind = 'upgrade' | 'rollback' | 'delete';

/**
 * Upgrade, rollback or delete: choose the version (not for delete), read
 * what will change on each cluster, then send the request to the queue.
 */
export function ChangeDialog({
  id,
  name,
  kind,
  versions,
  onClose,
  onSent,
}: {
  id: number;
  name: string;
  kind: ChangeKind;
  versions: string[];
  onClose: () => void;
  onSent: (requestId: number, status: number) => void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [version, setVersion] = useState(versions[0] ?? '');
  const [comment, setComment] = useState('');
  const change = useRequestChange(id);
  const remove = useRequestDelete(id);
  const mutation = kind === 'delete' ? remove : change;
  const preview = usePreview(id, kind === 'delete' ? null : version, kind === 'delete' || !!version);
  const title = t(kind === 'upgrade' ? 'deployments.upgradeTitle' : kind === 'rollback' ? 'deployments.rollbackTitle' : 'deployments.removeTitle', { name });
  const err = mutation.error;
  const fieldErr = (f: string) => (err instanceof ApiError ? err.fields[f] : undefined);
  const send = () => {
    const done = { onSuccess: (r: { requestId: number; status: number }) => onSent(r.requestId, r.status) };
    if (kind === 'delete') remove.mutate({ comment: comment.trim() }, done);
    else change.mutate({ kind, version, comment: comment.trim() }, done);
  };
  const none = kind !== 'delete' && versions.length === 0;
  return (
    <Modal open title={title} onClose={onClose} closeLabel={t('common.close')} wide>
      <div className="space-y-4">
        {kind === 'delete' ? <p className="text-sm text-slate-700 dark:text-slate-300">{t('deployments.removeExplain')}</p> : null}
        {none ? (
          <Notice tone="warning">{kind === 'upgrade' ? t('deployments.noUpgrade', { app: name }) : t('deployments.noRollback')}</Notice>
        ) : kind !== 'delete' ? (
          <Field id="change-version" label={t('deployments.targetVersion')} error={fieldErr('version')}>
            <Select {...described('change-version', fieldErr('version'))} value={version} onChange={(e) => setVersion(e.target.value)}>
              {versions.map((v) => <option key={v} value={v}>{v}</option>)}
            </Select>
          </Field>
        ) : null}
        {!none ? (
          <>
            <Field id="change-comment" label={t('deployForm.comment')} hint={t('deployForm.commentHint')} error={fieldErr('comment')}>
              <Textarea {...described('change-comment', fieldErr('comment'), true)} value={comment} maxLength={1024} onChange={(e) => setComment(e.target.value)} />
            </Field>
            <div>
              <h3 className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">{t('deployments.preview')}</h3>
              <QueryState query={preview}>{preview.data ? <DiffView diff={preview.data} /> : null}</QueryState>
            </div>
          </>
        ) : null}
        {err && !fieldErr('version') && !fieldErr('comment') ? <Notice>{errorText(err)}</Notice> : null}
      </div>
      <ModalActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant={kind === 'delete' ? 'danger' : 'primary'} disabled={none || mutation.isPending} onClick={send}>
          {mutation.isPending ? t('deployments.sending') : t('deployments.send')}
        </Button>
      </ModalActions>
    </Modal>
  );
}
