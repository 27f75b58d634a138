'use client';

import { useEffect } from 'react';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { HEALTH_PROTOCOLS, HEALTH_TYPES, type Hook, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/field';
import { useT } from '@/lib/i18n/react';
import { CheckField, fieldId, grid, ItemCard, NumberField, PartError, SelectField, TextField, type FormPath } from './fields';

export function MountList({ base }: { base: string }) {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  const { fields, append, remove } = useFieldArray({ control, name: `${base}.volume_mounts` as 'containers.0.volume_mounts' });
  const volumes = (useWatch({ name: 'volumes' }) as { name?: string }[] | undefined) ?? [];
  const names = volumes.map((v) => v.name).filter((n): n is string => !!n);
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.mounts.title')}</legend>
      {fields.map((f, i) => (
        <div key={f.id} className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_1fr_auto_auto]">
          <SelectField name={`${base}.volume_mounts.${i}.volume_name`} label={t('wle.mounts.volume')} options={names.map((n) => ({ value: n, label: n }))} />
          <TextField name={`${base}.volume_mounts.${i}.mount_path`} label={t('wle.mounts.path')} optional={false} placeholder="/data" />
          <TextField name={`${base}.volume_mounts.${i}.sub_path`} label={t('wle.mounts.subPath')} />
          <div className="sm:mt-8"><CheckField name={`${base}.volume_mounts.${i}.read_only`} label={t('wle.mounts.readOnly')} optional={false} /></div>
          <Button size="sm" variant="dangerGhost" className="sm:mt-7" onClick={() => remove(i)}>{t('wle.remove')}</Button>
        </div>
      ))}
      {names.length ? (
        <Button size="sm" onClick={() => append({ volume_name: names[0], mount_path: '', read_only: false })}>{t('wle.mounts.add')}</Button>
      ) : <p className="text-xs text-slate-500 dark:text-slate-400">{t('wle.mounts.noVolumes')}</p>}
    </fieldset>
  );
}

function HealthCheck({ base, onRemove }: { base: string; onRemove: () => void }) {
  const t = useT();
  const protocol = useWatch({ name: `${base}.protocol` as FormPath }) as string;
  const type = useWatch({ name: `${base}.type` as FormPath }) as string;
  const { getValues, setValue } = useFormContext();
  // A field the protocol hides must not stay behind with a value the rules refuse for that protocol
  // (a tcp check keeping the http default path '/' could never be reviewed: its error has no input to show on).
  useEffect(() => {
    const hidden = protocol === 'cmd' ? ['port', 'path', 'host'] : protocol === 'tcp' ? ['path', 'cmd'] : ['cmd'];
    for (const f of hidden) if (getValues(`${base}.${f}`) !== undefined) setValue(`${base}.${f}`, undefined, { shouldValidate: true });
  }, [protocol, base, getValues, setValue]);
  return (
    <ItemCard title={t(`wle.health.${type === 'liveness' || type === 'startup' ? type : 'readiness'}`)} onRemove={onRemove} removeLabel={`${t('wle.remove')} ${base}`}>
      <div className={grid}>
        <SelectField name={`${base}.type`} label={t('wle.health.type')} options={HEALTH_TYPES.map((v) => ({ value: v, label: t(`wle.health.${v}`) }))} />
        <SelectField name={`${base}.protocol`} label={t('wle.health.protocol')} options={HEALTH_PROTOCOLS.map((v) => ({ value: v, label: v }))} />
        {protocol === 'cmd' ? (
          <TextField name={`${base}.cmd`} label={t('wle.health.cmd')} className="sm:col-span-2" placeholder="cat /tmp/healthy" />
        ) : (
          <>
            <NumberField name={`${base}.port`} label={t('wle.health.port')} />
            {protocol !== 'tcp' ? <TextField name={`${base}.path`} label={t('wle.health.path')} placeholder="/" /> : null}
          </>
        )}
        <NumberField name={`${base}.initial_delay`} label={t('wle.health.initialDelay')} />
        <NumberField name={`${base}.period`} label={t('wle.health.period')} />
        <NumberField name={`${base}.timeout`} label={t('wle.health.timeout')} />
        <NumberField name={`${base}.success_threshold`} label={t('wle.health.success')} />
        <NumberField name={`${base}.failure_threshold`} label={t('wle.health.failure')} />
      </div>
      <PartError name={base} />
    </ItemCard>
  );
}

export function HealthList({ base }: { base: string }) {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  const { fields, append, remove } = useFieldArray({ control, name: `${base}.health` as 'containers.0.health' });
  const used = ((useWatch({ name: `${base}.health` as FormPath }) as { type?: string }[] | undefined) ?? []).map((h) => h.type);
  const next = HEALTH_TYPES.find((h) => !used.includes(h));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.health.title')}</legend>
      {fields.map((f, i) => <HealthCheck key={f.id} base={`${base}.health.${i}`} onRemove={() => remove(i)} />)}
      {next ? <Button size="sm" onClick={() => append({ type: next, protocol: 'http', port: 80, path: '/' })}>{t('wle.health.add')}</Button> : null}
    </fieldset>
  );
}

export function SecurityFields({ base }: { base: string }) {
  const t = useT();
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.security.title')}</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <CheckField name={`${base}.security.run_as_nonroot`} label={t('wle.security.nonRoot')} />
        <CheckField name={`${base}.security.privileged`} label={t('wle.security.privileged')} />
        <CheckField name={`${base}.security.rootfs_readonly`} label={t('wle.security.rootfsReadonly')} />
      </div>
      <div className={grid}>
        <NumberField name={`${base}.security.run_as_user`} label={t('wle.security.runAsUser')} />
        <NumberField name={`${base}.security.run_as_group`} label={t('wle.security.runAsGroup')} />
      </div>
      <PartError name={`${base}.security`} />
    </fieldset>
  );
}

/** PostStart and PreStop as two command boxes over the seed's `hooks` list. */
export function HooksFields({ base }: { base: string }) {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  return (
    <Controller control={control} name={`${base}.hooks` as FormPath} render={({ field }) => {
      const hooks = (field.value as Hook[] | undefined) ?? [];
      const set = (type: Hook['type'], text: string) => {
        const cmd = text.split('\n').map((l) => l.trim()).filter(Boolean);
        const rest = hooks.filter((h) => h.type !== type);
        const next = cmd.length ? [...rest, { type, cmd }] : rest;
        field.onChange(next.length ? next : undefined);
      };
      return (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.hooks.title')}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {(['PostStart', 'PreStop'] as const).map((type) => {
              const id = fieldId(`${base}.hooks.${type}`);
              return (
                <Field key={type} id={id} label={t(type === 'PostStart' ? 'wle.hooks.postStart' : 'wle.hooks.preStop')} hint={t('wle.hooks.hint')}>
                  <Textarea id={id} rows={2} className="font-mono" key={JSON.stringify(hooks.find((h) => h.type === type)?.cmd ?? null)}
                    defaultValue={(hooks.find((h) => h.type === type)?.cmd ?? []).join('\n')}
                    onBlur={(e) => set(type, e.target.value)} />
                </Field>
              );
            })}
          </div>
          <PartError name={`${base}.hooks`} />
        </fieldset>
      );
    }} />
  );
}
