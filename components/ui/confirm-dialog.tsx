'use client';

import { useT } from '@/lib/i18n/react';
import { Button } from './button';
import { Modal, ModalActions } from './modal';
import { Notice } from './states';

/** "Are you sure?" for destructive actions; shows the API's refusal (e.g. 409) in place. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  pending: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal open={open} title={title} onClose={onClose} closeLabel={t('common.close')}>
      <p className="text-sm text-slate-700 dark:text-slate-300">{message}</p>
      {error ? (
        <div className="mt-4">
          <Notice>{error}</Notice>
        </div>
      ) : null}
      <ModalActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {pending ? t('common.deleting') : confirmLabel}
        </Button>
      </ModalActions>
    </Modal>
  );
}
