'use client';

import { Controller, get, useFormContext, useFormState, type FieldPath } from 'react-hook-form';
import type { WorkloadInput } from '@/lib/dialects/ecns/workloads';
import { Button } from '@/components/ui/button';
import { Checkbox, described, Field, Input, Select, Textarea } from '@/components/ui/field';
import { useT } from '@/lib/i18n/react';
import { translateFieldMessage } from '@/lib/i18n/validation';
import { useI18n } from '@/lib/i18n/react';

export type FormPath = FieldPath<WorkloadInput>;
// Paths are built from indexes at run time; react-hook-form's path type cannot follow them.
export type AnyPath = string;
const asPath = (p: AnyPath) => p as FormPath;

/** The id of a field's control: its form path with dots, so tests and labels can find it. */
export const fieldId = (name: AnyPath) => `wl-${name.replace(/\./g, '-')}`;

/** The message of a rule broken at `name` (zod's, or the server's). */
export function useFieldError(name: AnyPath): string | undefined {
  const { errors } = useFormState<WorkloadInput>({ name: asPath(name) });
  const e = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return e?.message ?? e?.root?.message;
}

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const toNumber = (v: unknown) => {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = Number(v);
  // Left as typed: the schema then says "a whole number" rather than the field silently emptying.
  return Number.isNaN(n) ? v : n;
};

export function TextField({ name, label, hint, optional = true, disabled, placeholder, className }: {
  name: AnyPath; label: React.ReactNode; hint?: React.ReactNode; optional?: boolean; disabled?: boolean; placeholder?: string; className?: string;
}) {
  const { register } = useFormContext<WorkloadInput>();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Input {...described(id, error, !!hint)} disabled={disabled} placeholder={placeholder} autoComplete="off"
        {...register(asPath(name), { setValueAs: optional ? emptyToUndefined : (v) => v })} />
    </Field>
  );
}

export function NumberField({ name, label, hint, disabled, className, step }: {
  name: AnyPath; label: React.ReactNode; hint?: React.ReactNode; disabled?: boolean; className?: string; step?: string;
}) {
  const { register } = useFormContext<WorkloadInput>();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Input type="number" inputMode="decimal" step={step ?? '1'} {...described(id, error, !!hint)} disabled={disabled} {...register(asPath(name), { setValueAs: toNumber })} />
    </Field>
  );
}

export function SelectField({ name, label, options, optional = false, disabled, className, hint, emptyLabel }: {
  name: AnyPath; label: React.ReactNode; options: readonly { value: string; label: React.ReactNode }[]; optional?: boolean; disabled?: boolean; className?: string; hint?: React.ReactNode;
  /** What the empty choice of an optional select says (default: "None"). */
  emptyLabel?: string;
}) {
  const { register } = useFormContext<WorkloadInput>();
  const t = useT();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Field id={id} label={label} error={error} className={className} hint={hint}>
      <Select {...described(id, error, !!hint)} disabled={disabled} {...register(asPath(name), { setValueAs: optional ? emptyToUndefined : (v) => v })}>
        {optional ? <option value="">{emptyLabel ?? t('wle.none')}</option> : null}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </Select>
    </Field>
  );
}

/** `optional`: unchecked is absent (most flags); otherwise false (a required boolean such as a mount's read_only). */
export function CheckField({ name, label, disabled, optional = true }: { name: AnyPath; label: React.ReactNode; disabled?: boolean; optional?: boolean }) {
  const { register } = useFormContext<WorkloadInput>();
  const error = useFieldError(name);
  return (
    <div>
      <Checkbox id={fieldId(name)} label={label} disabled={disabled} {...register(asPath(name), { setValueAs: (v) => (v ? true : optional ? undefined : false) })} />
      <FieldMessage message={error} />
    </div>
  );
}

/** A list of strings as a textarea, one per line. */
export function LinesField({ name, label, hint, className }: { name: AnyPath; label: React.ReactNode; hint?: React.ReactNode; className?: string }) {
  const { control } = useFormContext<WorkloadInput>();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Controller control={control} name={asPath(name)} render={({ field }) => (
      <Field id={id} label={label} hint={hint} error={error} className={className}>
        <Textarea {...described(id, error, !!hint)} rows={3} className="font-mono"
          defaultValue={Array.isArray(field.value) ? (field.value as string[]).join('\n') : ''}
          key={JSON.stringify(field.value ?? null)}
          onBlur={(e) => {
            const lines = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean);
            field.onChange(lines.length ? lines : undefined);
            field.onBlur();
          }} />
      </Field>
    )} />
  );
}

/** A string → string record as `key=value` lines (labels, node selectors). */
export function MapField({ name, label, hint, className }: { name: AnyPath; label: React.ReactNode; hint?: React.ReactNode; className?: string }) {
  const { control } = useFormContext<WorkloadInput>();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Controller control={control} name={asPath(name)} render={({ field }) => (
      <Field id={id} label={label} hint={hint} error={error} className={className}>
        <Textarea {...described(id, error, !!hint)} rows={2} className="font-mono"
          defaultValue={Object.entries((field.value as Record<string, string> | undefined) ?? {}).map(([k, v]) => `${k}=${v}`).join('\n')}
          key={JSON.stringify(field.value ?? null)}
          onBlur={(e) => {
            const entries = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
              const i = l.indexOf('=');
              return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
            });
            field.onChange(entries.length ? Object.fromEntries(entries) : undefined);
            field.onBlur();
          }} />
      </Field>
    )} />
  );
}

/** A message for a whole part (a rule about the part rather than one field). */
export function FieldMessage({ message }: { message?: string }) {
  const { locale } = useI18n();
  if (!message) return null;
  return <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">{translateFieldMessage(message, locale)}</p>;
}

export function PartError({ name }: { name: AnyPath }) {
  return <FieldMessage message={useFieldError(name)} />;
}

export function Section({ id, title, children, actions }: { id: string; title: React.ReactNode; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
        {actions}
      </div>
      <div className="space-y-4">{children}</div>
    </section>
  );
}

/** A card for one item of a list (a container, a volume, a port), with its remove button. */
export function ItemCard({ title, onRemove, children, removeLabel }: { title: React.ReactNode; onRemove?: () => void; children: React.ReactNode; removeLabel: string }) {
  const t = useT();
  return (
    <div className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">{title}</h3>
        {onRemove ? <Button size="sm" variant="dangerGhost" onClick={onRemove} aria-label={removeLabel}>{t('wle.remove')}</Button> : null}
      </div>
      <div className="space-y-3">{children}</div>
    </div>
  );
}

export const grid = 'grid gap-3 sm:grid-cols-2 lg:grid-cols-4';
