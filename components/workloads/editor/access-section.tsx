'use client';

import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { ACCESS_TYPES, PROTOCOLS, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n/react';
import { grid, ItemCard, NumberField, PartError, Section, SelectField, TextField, type FormPath } from './fields';

function Ports({ base, type }: { base: string; type: string }) {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  const { fields, append, remove } = useFieldArray({ control, name: `${base}.access` as 'access_mode.0.access' });
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.access.ports')}</legend>
      {fields.map((f, i) => (
        <div key={f.id} className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_1fr_1fr_auto]">
          <NumberField name={`${base}.access.${i}.port`} label={t('wle.access.port')} />
          <NumberField name={`${base}.access.${i}.target_port`} label={t('wle.access.targetPort')} />
          <SelectField name={`${base}.access.${i}.protocol`} label={t('wle.access.protocol')} options={PROTOCOLS.map((p) => ({ value: p, label: p }))} />
          {type === 'NodePort' || type === 'LoadBalancer' ? <NumberField name={`${base}.access.${i}.node_port`} label={t('wle.access.nodePort')} /> : <span />}
          <Button size="sm" variant="dangerGhost" className="sm:mt-7" onClick={() => remove(i)}>{t('wle.remove')}</Button>
        </div>
      ))}
      <Button size="sm" onClick={() => append({ port: 80, target_port: 80, protocol: 'TCP' })}>{t('wle.access.addPort')}</Button>
      <PartError name={`${base}.access`} />
    </fieldset>
  );
}

function AccessCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const t = useT();
  const base = `access_mode.${index}`;
  const type = useWatch({ name: `${base}.type` as FormPath }) as string;
  return (
    <ItemCard title={`${t('wle.access.title')} ${index + 1}`} onRemove={onRemove} removeLabel={`${t('wle.remove')} ${base}`}>
      <div className={grid}>
        <SelectField name={`${base}.type`} label={t('wle.access.type')} options={ACCESS_TYPES.map((v) => ({ value: v, label: v }))} />
        <TextField name={`${base}.name`} label={t('wle.access.name')} hint={t('wle.access.nameHint')} />
        {type === 'ExternalName' ? <TextField name={`${base}.external_name`} label={t('wle.access.externalName')} /> : null}
      </div>
      {type !== 'ExternalName' ? <Ports base={base} type={type} /> : null}
      <PartError name={base} />
    </ItemCard>
  );
}

export function AccessSection() {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  const { fields, append, remove } = useFieldArray({ control, name: 'access_mode' });
  return (
    <Section id="wl-access" title={t('wle.access.title')}
      actions={<Button size="sm" onClick={() => append({ type: 'ClusterIP', access: [{ port: 80, target_port: 80, protocol: 'TCP' }] })}>{t('wle.access.add')}</Button>}>
      {fields.map((f, i) => <AccessCard key={f.id} index={i} onRemove={() => remove(i)} />)}
    </Section>
  );
}
