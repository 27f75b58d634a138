'use client';

import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { ENV_TYPES, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import type { NamespaceRefs } from '@/lib/client/use-workload-editor';
import { Button } from '@/components/ui/button';
import { described, Field, Select } from '@/components/ui/field';
import { useT } from '@/lib/i18n/react';
import { fieldId, SelectField, TextField, useFieldError, type AnyPath, type FormPath } from './fields';

/** A ConfigMap/Secret name and one of its keys, from the namespace's lists. */
function RefPicker({ name, label, options, placeholder }: { name: AnyPath; label: string; options: string[]; placeholder: string }) {
  const { register } = useFormContext<WorkloadInput>();
  const error = useFieldError(name);
  const id = fieldId(name);
  const current = useWatch({ name: name as FormPath }) as string | undefined;
  // A value not in the list (typed in YAML, or the object was deleted) is still shown.
  const all = current && !options.includes(current) ? [current, ...options] : options;
  return (
    <Field id={id} label={label} error={error}>
      <Select {...described(id, error)} {...register(name as FormPath, { setValueAs: (v) => (v === '' ? undefined : v) })}>
        <option value="">{placeholder}</option>
        {all.map((o) => <option key={o} value={o}>{o}</option>)}
      </Select>
    </Field>
  );
}

function EnvRow({ base, refs, onRemove }: { base: string; refs: NamespaceRefs | undefined; onRemove: () => void }) {
  const t = useT();
  const type = useWatch({ name: `${base}.type` as FormPath }) as string;
  const object = useWatch({ name: `${base}.key` as FormPath }) as string | undefined;
  const list = type === 'Secret' ? refs?.secrets : refs?.configMaps;
  const keys = list?.find((o) => o.name === object)?.keys ?? [];
  const empty = list && list.length === 0 ? t('wle.env.noObjects') : t('wle.env.pick');
  return (
    <div className="grid items-start gap-3 sm:grid-cols-[10rem_1fr_1fr_1fr_auto]">
      <SelectField name={`${base}.type`} label={t('wle.env.type')} options={ENV_TYPES.map((v) => ({ value: v, label: t(`wle.env.${v}`) }))} />
      <TextField name={`${base}.name`} label={t('wle.env.name')} optional={false} />
      {type === 'Normal' ? (
        <TextField name={`${base}.key`} label={t('wle.env.value')} optional={false} className="sm:col-span-2" />
      ) : (
        <>
          <RefPicker name={`${base}.key`} label={t(`wle.env.${type === 'Secret' ? 'Secret' : 'ConfigMap'}`)} options={(list ?? []).map((o) => o.name)} placeholder={empty} />
          <RefPicker name={`${base}.value`} label={t('wle.env.key')} options={keys} placeholder={t('wle.env.pick')} />
        </>
      )}
      <Button size="sm" variant="dangerGhost" className="sm:mt-7" onClick={onRemove} aria-label={`${t('wle.remove')} ${base}`}>{t('wle.remove')}</Button>
    </div>
  );
}

export function EnvList({ base, refs }: { base: string; refs: NamespaceRefs | undefined }) {
  const t = useT();
  const { control, setValue } = useFormContext<WorkloadInput>();
  const { fields, append, remove } = useFieldArray({ control, name: `${base}.env` as 'containers.0.env' });
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.env.title')}</legend>
      {fields.map((f, i) => (
        <div key={f.id}
          onChange={(e) => {
            // Switching the source empties the fields whose meaning changed (a value vs an object name).
            const target = e.target as unknown as HTMLSelectElement;
            if (target.id === fieldId(`${base}.env.${i}.type`)) {
              setValue(`${base}.env.${i}.key` as FormPath, undefined as never);
              setValue(`${base}.env.${i}.value` as FormPath, undefined as never);
            }
          }}
        >
          <EnvRow base={`${base}.env.${i}`} refs={refs} onRemove={() => remove(i)} />
        </div>
      ))}
      <Button size="sm" onClick={() => append({ type: 'Normal', name: '', key: '' })}>{t('wle.env.add')}</Button>
    </fieldset>
  );
}
