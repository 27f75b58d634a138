'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { clusterTypes } from '@/lib/dialects/pier/clusters';
import { applyApiError } from '@/lib/client/form-errors';
import { useUpdateCluster, type ClusterView } from '@/lib/client/use-clusters';
import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';
import { ClusterDepartmentField, ClusterLabelsField, ClusterTypeField, labelsTextSchema } from './cluster-fields';
import { labelsText, parseLabelsText } from './labels-text';

const formSchema = z.object({ type: z.enum(clusterTypes), departmentId: z.string(), labelsText: labelsTextSchema });
type Values = z.infer<typeof formSchema>;

/** Type and labels; the owning department too, for system administrators. */
export function EditClusterForm({ cluster, onDone }: { cluster: ClusterView; onDone: () => void }) {
  const t = useT();
  const isSystemAdmin = useMe().data?.role === 'system_admin';
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
      <ClusterTypeField id="edit-type" registration={register('type')} error={errors.type?.message} />
      {isSystemAdmin ? <ClusterDepartmentField id="edit-department" registration={register('departmentId')} error={errors.departmentId?.message} /> : null}
      <ClusterLabelsField id="edit-labels" rows={3} registration={register('labelsText')} error={errors.labelsText?.message} />
      <FormActions onCancel={onDone} cancelLabel={t('common.cancel')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={formState.isSubmitting} />
    </form>
  );
}
