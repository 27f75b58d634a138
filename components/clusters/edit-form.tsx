'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { clusterTypes } from '@/lib/dialects/pier/clusters';
import { applyApiError } from '@/lib/client/form-errors';
import { useUpdateCluster, type ClusterView } from '@/lib/client/use-clusters';
import { useDepartments } from '@/lib/client/use-departments';
import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { described, Field, Select, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';
import { labelsText, parseLabelsText } from './labels-text';

const formSchema = z.object({ type: z.enum(clusterTypes), departmentId: z.string(), labelsText: z.string().max(8000, 'at most 8000 characters') });
type Values = z.infer<typeof formSchema>;

/** Type and labels; the owning department too, for system administrators. */
export function EditClusterForm({ cluster, onDone }: { cluster: ClusterView; onDone: () => void }) {
  const t = useT();
  const isSystemAdmin = useMe().data?.role === 'system_admin';
  const departments = useDepartments();
  const update = useUpdateCluster(cluster.name);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(formSchema),
    defaultValues: { type: cluster.type, departmentId: cluster.departmentId ?? '', labelsText: labelsText(cluster.labels) },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    const labels = parseLabelsText(values.labelsText);
    if (!labels) {
      setError('labelsText', { message: t('clusters.labelsInvalid') });
      return;
    }
    try {
      await update.mutateAsync({ type: values.type, labels, ...(isSystemAdmin ? { departmentId: values.departmentId || null } : {}) });
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['type', 'departmentId']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field id="edit-type" label={t('clusters.type')} error={errors.type?.message}>
        <Select {...described('edit-type', errors.type?.message)} {...register('type')}>
          {clusterTypes.map((ty) => <option key={ty} value={ty}>{ty}</option>)}
        </Select>
      </Field>
      {isSystemAdmin ? (
        <Field id="edit-department" label={t('clusters.department')} error={errors.departmentId?.message}>
          <Select {...described('edit-department', errors.departmentId?.message)} {...register('departmentId')}>
            <option value="">{t('clusters.shared')}</option>
            {departments.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </Select>
        </Field>
      ) : null}
      <Field id="edit-labels" label={t('clusters.labels')} hint={t('clusters.labelsHint')} error={errors.labelsText?.message}>
        <Textarea {...described('edit-labels', errors.labelsText?.message, true)} rows={3} className="font-mono text-xs" {...register('labelsText')} />
      </Field>
      <FormActions onCancel={onDone} cancelLabel={t('common.cancel')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={formState.isSubmitting} />
    </form>
  );
}
