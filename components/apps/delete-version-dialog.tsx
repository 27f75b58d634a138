'use client';

import { ApiError } from '@/lib/client/api';
import { useDeleteAppVersions, type AppItem } from '@/lib/client/use-apps';
import { useT } from '@/lib/i18n/react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useErrorText } from '@/components/ui/query-state';

/** Confirms deleting one version; a 409 (a deployment uses it) is said in words, with the API's reason. */
export function DeleteVersionDialog({ version, onDone, onClose }: { version: AppItem | null; onDone?: () => void; onClose: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const remove = useDeleteAppVersions();
  const err = remove.error;
  const message = !err ? null : err instanceof ApiError && err.status === 409 ? t('apps.inUse', { reason: err.message }) : errorText(err);
  const close = () => { remove.reset(); onClose(); };
  return (
    <ConfirmDialog
      open={version !== null}
      title={t('apps.deleteTitle')}
      message={t('apps.deleteConfirm', { name: version?.appName ?? '', version: version?.version ?? '' })}
      confirmLabel={t('common.delete')}
      pending={remove.isPending}
      error={message}
      onConfirm={() => version && remove.mutate([version.id], { onSuccess: () => { onDone?.(); close(); } })}
      onClose={close}
    />
  );
}
