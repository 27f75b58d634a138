'use client';

import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import type { AppCreateInput } from '@/lib/dialects/ote/app';
import { useT } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/field';
import { FormInput, optionalNumber, Section } from './form-controls';

interface ListProps {
  control: Control<AppCreateInput, unknown, unknown>;
  register: UseFormRegister<AppCreateInput>;
  errors: FieldErrors<AppCreateInput>;
}

function Row({ children, onRemove, label }: { children: React.ReactNode; onRemove: () => void; label: string }) {
  return (
    <div className="flex flex-wrap items-start gap-3 border-b border-slate-100 pb-3 last:border-0 dark:border-slate-800">
      {children}
      <Button size="sm" variant="dangerGhost" className="mt-7" aria-label={label} onClick={onRemove}>
        <Icon name="close" className="size-4" />
      </Button>
    </div>
  );
}

function AddButton({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <Button size="sm" onClick={onClick}>
      <Icon name="plus" className="size-4" />
      {label}
    </Button>
  );
}

export function PortsSection({ control, register, errors }: ListProps) {
  const t = useT();
  const { fields, append, remove } = useFieldArray({ control, name: 'port' });
  const deps = { deps: fields.map((_, i) => `port.${i}.port` as const) };
  return (
    <Section title={t('apps.form.sections.ports')} aside={<AddButton label={t('apps.form.addPort')} onClick={() => append({ port: 80 })} />}>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.portHint')}</p>
      {fields.map((f, i) => (
        <Row key={f.id} label={`${t('apps.form.remove')} ${t('apps.form.port')} ${i + 1}`} onRemove={() => remove(i)}>
          <FormInput id={`app-port-${i}`} className="w-40" type="number" label={t('apps.form.port')} error={errors.port?.[i]?.port}
            reg={register(`port.${i}.port`, { valueAsNumber: true, ...deps })} />
          <FormInput id={`app-hostport-${i}`} className="w-40" type="number" label={t('apps.form.hostPort')} error={errors.port?.[i]?.hostPort}
            reg={register(`port.${i}.hostPort`, { setValueAs: optionalNumber, deps: fields.map((_, j) => `port.${j}.hostPort` as const) })} />
        </Row>
      ))}
      {errors.port?.message || errors.port?.root?.message ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.port.message ?? errors.port.root?.message}</p> : null}
    </Section>
  );
}

export function EnvSection({ control, register, errors }: ListProps) {
  const t = useT();
  const { fields, append, remove } = useFieldArray({ control, name: 'env' });
  return (
    <Section title={t('apps.form.sections.env')} aside={<AddButton label={t('apps.form.addEnv')} onClick={() => append({ name: '', value: '' })} />}>
      {fields.map((f, i) => (
        <Row key={f.id} label={`${t('apps.form.remove')} ${t('apps.form.envName')} ${i + 1}`} onRemove={() => remove(i)}>
          <FormInput id={`app-env-name-${i}`} className="w-56" label={t('apps.form.envName')} error={errors.env?.[i]?.name}
            reg={register(`env.${i}.name`, { deps: fields.map((_, j) => `env.${j}.name` as const) })} />
          <FormInput id={`app-env-value-${i}`} className="min-w-48 flex-1" label={t('apps.form.envValue')} error={errors.env?.[i]?.value} reg={register(`env.${i}.value`)} />
        </Row>
      ))}
    </Section>
  );
}

export function VolumesSection({ control, register, errors }: ListProps) {
  const t = useT();
  const { fields, append, remove } = useFieldArray({ control, name: 'volume' });
  return (
    <Section title={t('apps.form.sections.volumes')} aside={<AddButton label={t('apps.form.addVolume')} onClick={() => append({ path: '', hostPath: '', readOnly: false })} />}>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.volumeHint')}</p>
      {fields.map((f, i) => (
        <Row key={f.id} label={`${t('apps.form.remove')} ${t('apps.form.volumePath')} ${i + 1}`} onRemove={() => remove(i)}>
          <FormInput id={`app-vol-path-${i}`} className="min-w-48 flex-1" label={t('apps.form.volumePath')} error={errors.volume?.[i]?.path}
            reg={register(`volume.${i}.path`, { deps: fields.map((_, j) => `volume.${j}.path` as const) })} placeholder="/data" />
          <FormInput id={`app-vol-host-${i}`} className="min-w-48 flex-1" label={t('apps.form.volumeHostPath')} error={errors.volume?.[i]?.hostPath}
            reg={register(`volume.${i}.hostPath`)} placeholder="/var/lib/app" />
          <div className="mt-8"><Checkbox id={`app-vol-ro-${i}`} label={t('apps.form.readOnly')} {...register(`volume.${i}.readOnly`)} /></div>
        </Row>
      ))}
    </Section>
  );
}

export function DependenceSection({ control, register, errors }: ListProps) {
  const t = useT();
  const { fields, append, remove } = useFieldArray({ control, name: 'dependence' });
  return (
    <Section title={t('apps.form.sections.dependence')} aside={<AddButton label={t('apps.form.addDependence')} onClick={() => append({ name: '', service: '', port: 80 })} />}>
      {fields.map((f, i) => (
        <Row key={f.id} label={`${t('apps.form.remove')} ${t('apps.form.depName')} ${i + 1}`} onRemove={() => remove(i)}>
          <FormInput id={`app-dep-name-${i}`} className="w-48" label={t('apps.form.depName')} error={errors.dependence?.[i]?.name} reg={register(`dependence.${i}.name`)} />
          <FormInput id={`app-dep-service-${i}`} className="w-48" label={t('apps.form.depService')} error={errors.dependence?.[i]?.service} reg={register(`dependence.${i}.service`)} />
          <FormInput id={`app-dep-port-${i}`} className="w-32" type="number" label={t('apps.form.depPort')} error={errors.dependence?.[i]?.port}
            reg={register(`dependence.${i}.port`, { valueAsNumber: true })} />
        </Row>
      ))}
    </Section>
  );
}
