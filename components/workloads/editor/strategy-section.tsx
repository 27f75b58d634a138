'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { UPDATE_TYPES_FOR, type WorkloadInput, type WorkloadType } from '@/lib/dialects/ecns/workloads';
import { Checkbox } from '@/components/ui/field';
import { useT } from '@/lib/i18n/react';
import { grid, NumberField, PartError, Section, SelectField } from './fields';

/** A checkbox that adds an optional part with its defaults, or removes it. */
function Toggle({ id, label, on, onChange }: { id: string; label: string; on: boolean; onChange: (on: boolean) => void }) {
  return <Checkbox id={id} label={label} checked={on} onChange={(e) => onChange(e.target.checked)} />;
}

export function UpdateStrategySection() {
  const t = useT();
  const { setValue } = useFormContext<WorkloadInput>();
  const kind = useWatch<WorkloadInput, 'workload_base.type'>({ name: 'workload_base.type' }) as WorkloadType;
  const u = useWatch<WorkloadInput, 'update_strategy'>({ name: 'update_strategy' });
  const type = u?.type ?? 'rolling_update';
  return (
    <Section id="wl-update" title={t('wle.update.title')}>
      <Toggle id="wl-update-on" label={t('wle.update.enable')} on={!!u}
        onChange={(on) => setValue('update_strategy', on ? { type: 'rolling_update' } : undefined, { shouldValidate: true, shouldDirty: true })} />
      {u ? (
        <div className={grid}>
          <SelectField name="update_strategy.type" label={t('wle.update.type')} options={UPDATE_TYPES_FOR[kind].map((v) => ({ value: v, label: t(`wle.update.types.${v}`) }))} />
          {type === 'rolling_update' || type === 'custom' ? (
            <>
              {kind !== 'StatefulSet' ? <NumberField name="update_strategy.max_surge" label={t('wle.update.maxSurge')} /> : null}
              <NumberField name="update_strategy.max_unavailable" label={t('wle.update.maxUnavailable')} />
            </>
          ) : null}
          {type === 'first_up' || type === 'first_down' ? <NumberField name="update_strategy.batch_size" label={t('wle.update.batch')} /> : null}
          <NumberField name="update_strategy.period" label={t('wle.update.period')} />
        </div>
      ) : null}
      <PartError name="update_strategy" />
    </Section>
  );
}

export function ScaleStrategySection() {
  const t = useT();
  const { setValue, getValues } = useFormContext<WorkloadInput>();
  const kind = useWatch<WorkloadInput, 'workload_base.type'>({ name: 'workload_base.type' });
  const s = useWatch<WorkloadInput, 'scale_strategy'>({ name: 'scale_strategy' });
  if (kind === 'DaemonSet') {
    return <Section id="wl-scale" title={t('wle.scale.title')}><p className="text-sm text-slate-500 dark:text-slate-400">{t('wle.scale.daemonset')}</p></Section>;
  }
  return (
    <Section id="wl-scale" title={t('wle.scale.title')}>
      <Toggle id="wl-scale-on" label={t('wle.scale.enable')} on={!!s}
        onChange={(on) => {
          const replicas = getValues('workload_base.replicas') ?? 1;
          setValue('scale_strategy', on ? { min_replicas: Math.max(1, replicas), max_replicas: Math.max(2, replicas * 2), resource: { cpu: 80 } } : undefined, { shouldValidate: true, shouldDirty: true });
        }} />
      {s ? (
        <div className={grid}>
          <NumberField name="scale_strategy.min_replicas" label={t('wle.scale.min')} />
          <NumberField name="scale_strategy.max_replicas" label={t('wle.scale.max')} />
          <NumberField name="scale_strategy.resource.cpu" label={t('wle.scale.cpu')} />
          <NumberField name="scale_strategy.resource.memory" label={t('wle.scale.memory')} />
        </div>
      ) : null}
      <PartError name="scale_strategy" />
      <PartError name="scale_strategy.resource" />
    </Section>
  );
}
