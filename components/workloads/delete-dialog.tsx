'use client';

import { useState } from 'react';
import { useDeleteWorkloads, type WorkloadRef } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/field';
import { Modal, ModalActions } from '@/components/ui/modal';
import { useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

/** Deletes workloads after asking, with the choice of deleting their Services too (`delete_service`). */
export function DeleteWorkloadsDialog({ refs, onClose, onDeleted }: { refs: WorkloadRef[]; onClose: () => void; onDeleted: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const del = useDeleteWorkloads();
  const [withServices, setWithServices] = useState(true);
  const close = () => {
    del.reset();
    onClose();
  };
  return (
    <Modal open={refs.length > 0} title={t(refs.length === 1 ? 'workloads.deleteTitleOne' : 'workloads.deleteTitle')} onClose={close} closeLabel={t('common.close')}>
      <p className="text-sm text-slate-700 dark:text-slate-300">{t('workloads.deleteConfirm', { names: refs.map((r) => r.name).join(', ') })}</p>
      <div className="mt-4">
        <Checkbox id="delete-service" label={t('workloads.deleteService')} checked={withServices} onChange={(e) => setWithServices(e.target.checked)} />
      </div>
      {del.error ? <div className="mt-4"><Notice>{errorText(del.error)}</Notice></div> : null}
      <ModalActions>
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button
          variant="danger"
          disabled={del.isPending}
          onClick={() => del.mutate({ refs, deleteService: withServices }, { onSuccess: () => { del.reset(); onDeleted(); } })}
        >
          {del.isPending ? t('common.deleting') : t('workloads.delete')}
        </Button>
      </ModalActions>
    </Modal>
  );
}
