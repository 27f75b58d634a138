'use client';

import { useState } from 'react';
import type { WorkloadRef, WorkloadView } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input } from '@/components/ui/field';
import { ActionForm } from './action-form';
import { useAction } from './use-action';

export function ScaleForm({ workload, view }: { workload: WorkloadRef; view: WorkloadView }) {
  const t = useT();
  const a = useAction(workload, 'scale');
  const [replicas, setReplicas] = useState(String(view.workload_base.replicas ?? 0));
  return (
    <ActionForm
      title={t('workloads.page.scale')}
      pending={a.pending}
      applied={a.applied}
      problems={a.rest(['replicas'])}
      onSubmit={() => a.submit({ replicas: replicas.trim() === '' ? (undefined as unknown as number) : Number(replicas) })}
    >
      <Field id="replicas" label={t('workloads.forms.replicas')} hint={t('workloads.forms.replicasHint')} error={a.error('replicas')} className="max-w-xs">
        <Input {...described('replicas', a.error('replicas'), true)} type="number" inputMode="numeric" value={replicas} onChange={(e) => setReplicas(e.target.value)} />
      </Field>
    </ActionForm>
  );
}
