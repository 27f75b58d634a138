'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import { clusterTypes } from '@/lib/dialects/pier/clusters';
import { useDepartments } from '@/lib/client/use-departments';
import { useT } from '@/lib/i18n/react';
import { described, Field, Select, Textarea } from '@/components/ui/field';

/** The forms edit labels as text; the server's schema checks each label once parsed (parseLabelsText). */
export const labelsTextSchema = z.string().max(8000, 'at most 8000 characters');

interface FieldProps {
  /** The element id, unique on the page: the register and edit dialogs may both be mounted. */
  id: string;
  registration: UseFormRegisterReturn;
  error?: string;
}

export function ClusterTypeField({ id, registration, error }: FieldProps) {
  const t = useT();
  return (
    <Field id={id} label={t('clusters.type')} error={error}>
      <Select {...described(id, error)} {...registration}>
        {clusterTypes.map((ty) => <option key={ty} value={ty}>{ty}</option>)}
      </Select>
    </Field>
  );
}

/** The owning department, or "shared" (every department): a system administrator's choice. */
export function ClusterDepartmentField({ id, registration, error }: FieldProps) {
  const t = useT();
  const departments = useDepartments();
  return (
    <Field id={id} label={t('clusters.department')} error={error}>
      <Select {...described(id, error)} {...registration}>
        <option value="">{t('clusters.shared')}</option>
        {departments.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
      </Select>
    </Field>
  );
}

export function ClusterLabelsField({ id, registration, error, rows }: FieldProps & { rows: number }) {
  const t = useT();
  return (
    <Field id={id} label={t('clusters.labels')} hint={t('clusters.labelsHint')} error={error}>
      <Textarea {...described(id, error, true)} rows={rows} className="font-mono text-xs" {...registration} />
    </Field>
  );
}
