'use client';

import { useState } from 'react';
import type { WorkloadRef, WorkloadView } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { Checkbox, described, Field, Input } from '@/components/ui/field';
import { ActionForm, numberOrUndefined } from './action-form';
import { useAction } from './use-action';

/** The HPA: on with its bounds and targets, or off (`scale_strategy: null`). */
export function AutoscaleForm({ workload, view }: { workload: WorkloadRef; view: WorkloadView }) {
  const t = useT();
  const a = useAction(workload, 'scale_strategy');
  const s = view.scale_strategy;
  const [on, setOn] = useState(!!s);
  const [v, setV] = useState({
    min: s?.min_replicas === undefined ? '' : String(s.min_replicas),
    max: s?.max_replicas === undefined ? '' : String(s.max_replicas),
    cpu: s?.resource?.cpu === undefined ? '' : String(s.resource.cpu),
    memory: s?.resource?.memory === undefined ? '' : String(s.resource.memory),
  });
  const inputs = [
    { key: 'min', path: 'scale_strategy.min_replicas', label: t('workloads.forms.minReplicas') },
    { key: 'max', path: 'scale_strategy.max_replicas', label: t('workloads.forms.maxReplicas') },
    { key: 'cpu', path: 'scale_strategy.resource.cpu', label: t('workloads.forms.cpuTarget') },
    { key: 'memory', path: 'scale_strategy.resource.memory', label: t('workloads.forms.memoryTarget') },
  ] as const;
  const submit = () => {
    if (!on) return a.submit({ scale_strategy: null });
    const cpu = numberOrUndefined(v.cpu);
    const memory = numberOrUndefined(v.memory);
    a.submit({
      scale_strategy: {
        min_replicas: numberOrUndefined(v.min),
        max_replicas: numberOrUndefined(v.max),
        ...(cpu === undefined && memory === undefined ? {} : { resource: { cpu, memory } }),
      },
    });
  };
  return (
    <ActionForm
      title={t('workloads.page.autoscale')}
      pending={a.pending}
      applied={a.applied}
      problems={a.rest(on ? [...inputs.map((i) => i.path), 'scale_strategy.resource'] : [])}
      onSubmit={submit}
    >
      <Checkbox id="autoscale-on" label={t('workloads.forms.autoscaleOn')} checked={on} onChange={(e) => setOn(e.target.checked)} />
      {on ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {inputs.map((i) => {
            const id = `autoscale-${i.key}`;
            const err = a.error(i.path) ?? (i.key === 'cpu' ? a.error('scale_strategy.resource') : undefined);
            return (
              <Field key={i.key} id={id} label={i.label} error={err}>
                <Input {...described(id, err)} type="number" inputMode="numeric" value={v[i.key]} onChange={(e) => setV((x) => ({ ...x, [i.key]: e.target.value }))} />
              </Field>
            );
          })}
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('workloads.forms.autoscaleOff')}</p>
      )}
    </ActionForm>
  );
}
