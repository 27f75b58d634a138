'use client';

import { useForm } from 'react-hook-form';
import type { AuditFilters } from '@/lib/client/use-audit';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';

export interface FilterValues {
  actor: string;
  action: string;
  resourceType: string;
  source: string;
  q: string;
  from: string;
  to: string;
}

export const emptyFilters: FilterValues = { actor: '', action: '', resourceType: '', source: '', q: '', from: '', to: '' };

const sources = ['console', 'ote', 'ief', 'netease', 'ecns', 'keystone', 'seed'];
const actions = ['create', 'update', 'delete', 'sign-in', 'add-member', 'remove-member', 'change-password', 'reset-password', 'update-preferences', 'revoke', 'seed'];
const resourceTypes = ['department', 'project', 'user', 'token', 'session'];

/** Dates are days in the reader's time zone: "from" at its first instant, "to" at its last. */
export function toQuery(v: FilterValues): AuditFilters {
  return {
    actor: v.actor.trim() || undefined,
    action: v.action.trim() || undefined,
    resourceType: v.resourceType.trim() || undefined,
    source: v.source || undefined,
    q: v.q.trim() || undefined,
    from: v.from ? new Date(`${v.from}T00:00:00`).toISOString() : undefined,
    to: v.to ? new Date(`${v.to}T23:59:59.999`).toISOString() : undefined,
  };
}

export function AuditFiltersForm({ onApply }: { onApply: (v: FilterValues) => void }) {
  const t = useT();
  const { register, handleSubmit, reset } = useForm<FilterValues>({ defaultValues: emptyFilters });
  return (
    <form
      onSubmit={handleSubmit(onApply)}
      aria-label={t('audit.filters')}
      className="mb-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="audit-actor" label={t('audit.actor')}>
          <Input id="audit-actor" autoComplete="off" {...register('actor')} />
        </Field>
        <Field id="audit-action" label={t('audit.action')}>
          <Input id="audit-action" list="audit-actions" autoComplete="off" {...register('action')} />
        </Field>
        <Field id="audit-resource-type" label={t('audit.resourceType')}>
          <Input id="audit-resource-type" list="audit-resource-types" autoComplete="off" {...register('resourceType')} />
        </Field>
        <Field id="audit-source" label={t('audit.source')}>
          <Select id="audit-source" {...register('source')}>
            <option value="">{t('audit.anySource')}</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="audit-text" label={t('audit.text')}>
          <Input id="audit-text" type="search" autoComplete="off" {...register('q')} />
        </Field>
        <Field id="audit-from" label={t('audit.from')}>
          <Input id="audit-from" type="date" {...register('from')} />
        </Field>
        <Field id="audit-to" label={t('audit.to')}>
          <Input id="audit-to" type="date" {...register('to')} />
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit" variant="primary">
            {t('audit.apply')}
          </Button>
          <Button
            onClick={() => {
              reset(emptyFilters);
              onApply(emptyFilters);
            }}
          >
            {t('audit.reset')}
          </Button>
        </div>
      </div>
      <datalist id="audit-actions">
        {actions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <datalist id="audit-resource-types">
        {resourceTypes.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
    </form>
  );
}
