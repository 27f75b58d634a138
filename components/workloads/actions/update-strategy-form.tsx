'use client';

import { useState } from 'react';
import { UPDATE_TYPES_FOR, type UpdateType } from '@/lib/dialects/ecns/workloads';
import type { WorkloadRef, WorkloadView } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input, Select } from '@/components/ui/field';
import { ActionForm, numberOrUndefined } from './action-form';
import { useAction } from './use-action';

const NUMBERS = ['batch_size', 'max_surge', 'max_unavailable', 'period'] as const;
const LABEL = { batch_size: 'batchSize', max_surge: 'maxSurge', max_unavailable: 'maxUnavailable', period: 'period' } as const;

/** Which numbers each strategy type takes (the schema refuses the others). */
function takes(type: UpdateType, field: (typeof NUMBERS)[number], kind: WorkloadRef['type']): boolean {
  if (field === 'period') return true;
  if (field === 'batch_size') return type === 'first_up' || type === 'first_down';
  if (field === 'max_surge') return (type === 'custom' || type === 'rolling_update') && kind !== 'StatefulSet';
  return type === 'custom' || type === 'rolling_update';
}

export function UpdateStrategyForm({ workload, view }: { workload: WorkloadRef; view: WorkloadView }) {
  const t = useT();
  const a = useAction(workload, 'update_strategy');
  const types = UPDATE_TYPES_FOR[workload.type];
  const now = view.update_strategy ?? {};
  const [type, setType] = useState<UpdateType>(now.type ?? 'rolling_update');
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(NUMBERS.map((f) => [f, now[f] === undefined ? '' : String(now[f])])));
  const shown = ['update_strategy.type', ...NUMBERS.map((f) => `update_strategy.${f}`)];
  const submit = () => {
    const u: Record<string, unknown> = { type };
    for (const f of NUMBERS) if (takes(type, f, workload.type) && values[f].trim() !== '') u[f] = numberOrUndefined(values[f]);
    a.submit({ update_strategy: u });
  };
  return (
    <ActionForm title={t('workloads.page.update')} pending={a.pending} applied={a.applied} problems={a.rest(shown)} onSubmit={submit}>
      <Field id="update-type" label={t('workloads.forms.updateType')} error={a.error('update_strategy.type')} className="max-w-sm">
        <Select {...described('update-type', a.error('update_strategy.type'))} value={type} onChange={(e) => setType(e.target.value as UpdateType)}>
          {types.map((x) => <option key={x} value={x}>{t(`workloads.forms.typeOptions.${x}`)}</option>)}
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {NUMBERS.filter((f) => takes(type, f, workload.type)).map((f) => {
          const id = `update-${f}`;
          const err = a.error(`update_strategy.${f}`);
          return (
            <Field key={f} id={id} label={t(`workloads.forms.${LABEL[f]}`)} error={err}>
              <Input {...described(id, err)} type="number" inputMode="numeric" value={values[f]} onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))} />
            </Field>
          );
        })}
      </div>
    </ActionForm>
  );
}
