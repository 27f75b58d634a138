'use client';

import { useState } from 'react';
import { useDeletePod } from '@/lib/client/use-pod';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/field';
import { Modal, ModalActions } from '@/components/ui/modal';
import { useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

/** Delete with confirmation; "force" deletes at once (grace period 0). */
export function DeletePodDialog({ open, cluster, namespace, name, onClose, onDeleted }: {
  open: boolean; cluster: string; namespace: string; name: string; onClose: () => void; onDeleted: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const del = useDeletePod(cluster, namespace, name);
  const [force, setForce] = useState(false);
  const close = () => {
    del.reset();
    setForce(false);
    onClose();
  };
  return (
    <Modal open={open} title={t('pods.deleteTitle', { name })} onClose={close} closeLabel={t('common.close')}>
      <p className="text-sm text-slate-700 dark:text-slate-300">{t('pods.deleteConfirm', { name, namespace })}</p>
      <div className="mt-4">
        <Checkbox id="pod-delete-force" label={t('pods.force')} checked={force} onChange={(e) => setForce(e.target.checked)} />
      </div>
      {del.error ? <div className="mt-4"><Notice>{errorText(del.error)}</Notice></div> : null}
      <ModalActions>
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button variant="danger" disabled={del.isPending} onClick={() => del.mutate(force, { onSuccess: () => {
          close();
          onDeleted();
        } })}>
          {del.isPending ? t('common.deleting') : t('pods.delete')}
        </Button>
      </ModalActions>
    </Modal>
  );
}
