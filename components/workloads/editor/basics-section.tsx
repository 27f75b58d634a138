'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { WORKLOAD_TYPES, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import { useT } from '@/lib/i18n/react';
import { grid, MapField, NumberField, Section, SelectField, TextField } from './fields';

export function BasicsSection({ editing }: { editing: boolean }) {
  const t = useT();
  const { setValue, getValues } = useFormContext<WorkloadInput>();
  const type = useWatch<WorkloadInput, 'workload_base.type'>({ name: 'workload_base.type' });
  return (
    <Section id="wl-basics" title={t('wle.basics.title')}>
      <div className={grid}>
        <TextField name="workload_base.name" label={t('wle.basics.name')} optional={false} disabled={editing} hint={editing ? t('wle.basics.fixed') : undefined} />
        <div
          onChange={(e) => {
            // A DaemonSet has no replicas and no HPA: clear them so the rules do not trip on hidden fields.
            const v = (e.target as unknown as HTMLSelectElement).value;
            if (v === 'DaemonSet') {
              setValue('workload_base.replicas', undefined);
              setValue('scale_strategy', undefined);
            } else if (getValues('workload_base.replicas') === undefined) {
              setValue('workload_base.replicas', 1);
            }
          }}
        >
          <SelectField name="workload_base.type" label={t('wle.basics.type')} disabled={editing} options={WORKLOAD_TYPES.map((k) => ({ value: k, label: k }))} />
        </div>
        {type !== 'DaemonSet' ? <NumberField name="workload_base.replicas" label={t('wle.basics.replicas')} /> : null}
      </div>
      <MapField name="labels" label={t('wle.basics.labels')} hint={t('wle.basics.labelsHint')} />
    </Section>
  );
}
