'use client';

import { useState } from 'react';
import { useDeleteApplications, type Cascade } from '@/lib/client/use-ecns-applications';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Modal, ModalActions } from '@/components/ui/modal';
import { useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

const CHOICES: Array<{ value: Cascade; label: 'cascadeNone' | 'cascadeWorkloads' | 'cascadeServices' | 'cascadeAll' }> = [
  { value: '', label: 'cascadeNone' },
  { value: 'workload', label: 'cascadeWorkloads' },
  { value: 'workload,service', label: 'cascadeServices' },
  { value: 'all', label: 'cascadeAll' },
];

/** Deletes applications after asking what goes with them (the seed's `resource` cascade). */
export function DeleteApplicationsDialog({ names, onClose, onDeleted }: { names: string[]; onClose: () => void; onDeleted: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const del = useDeleteApplications();
  const [cascade, setCascade] = useState<Cascade>('');
  const close = () => {
    del.reset();
    onClose();
  };
  return (
    <Modal open={names.length > 0} title={t('ecnsApps.deleteTitle')} onClose={close} closeLabel={t('common.close')}>
      <p className="text-sm text-slate-700 dark:text-slate-300">{t('ecnsApps.deleteConfirm', { names: names.join(', ') })}</p>
      <fieldset className="mt-4 space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">{t('ecnsApps.cascade')}</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="radio" name="cascade" className="size-4 accent-sky-700" checked={cascade === c.value} onChange={() => setCascade(c.value)} />
            {t(`ecnsApps.${c.label}`)}
          </label>
        ))}
      </fieldset>
      {del.error ? <div className="mt-4"><Notice>{errorText(del.error)}</Notice></div> : null}
      <ModalActions>
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button variant="danger" disabled={del.isPending} onClick={() => del.mutate({ names, cascade }, { onSuccess: () => { del.reset(); onDeleted(); } })}>
          {del.isPending ? t('common.deleting') : t('workloads.delete')}
        </Button>
      </ModalActions>
    </Modal>
  );
}
