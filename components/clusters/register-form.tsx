'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { clusterRegister } from '@/lib/dialects/pier/clusters';
import { applyApiError } from '@/lib/client/form-errors';
import { useRegisterCluster } from '@/lib/client/use-clusters';
import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';
import { ClusterDepartmentField, ClusterLabelsField, ClusterTypeField, labelsTextSchema } from './cluster-fields';
import { parseLabelsText } from './labels-text';

const formSchema = clusterRegister.omit({ labels: true, departmentId: true }).extend({ departmentId: z.string(), labelsText: labelsTextSchema });
type Values = z.input<typeof formSchema>;

/** Register a real cluster by pasting or loading its kubeconfig; the server's refusal reason lands on the kubeconfig field. */
export function RegisterClusterForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const me = useMe().data;
  const isSystemAdmin = me?.role === 'system_admin';
  const registerCluster = useRegisterCluster();
  const { register, handleSubmit, setError, setValue, formState } = useForm<Values, unknown, z.output<typeof formSchema>>({
    resolver: zodResolver(formSchema),
    defaultValues: { name: '', type: 'EKS', kubeconfig: '', departmentId: isSystemAdmin ? '' : me?.departmentId ?? '', labelsText: '' },
  });
  const { errors } = formState;

  const onSubmit = handleSubmit(async (values) => {
    const labels = parseLabelsText(values.labelsText);
    if (!labels) {
      setError('labelsText', { message: t('clusters.labelsInvalid') });
      return;
    }
    try {
      await registerCluster.mutateAsync({
        name: values.name, type: values.type, kubeconfig: values.kubeconfig, labels,
        departmentId: values.departmentId || null,
      });
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['name', 'type', 'kubeconfig', 'departmentId']);
    }
  });

  const load = async (file: File | undefined) => {
    if (!file) return;
    setValue('kubeconfig', await file.text(), { shouldValidate: true, shouldDirty: true });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="cluster-name" label={t('common.name')} error={errors.name?.message}>
          <Input {...described('cluster-name', errors.name?.message)} autoFocus {...register('name')} />
        </Field>
        <ClusterTypeField id="cluster-type" registration={register('type')} error={errors.type?.message} />
      </div>
      {isSystemAdmin ? <ClusterDepartmentField id="cluster-department" registration={register('departmentId')} error={errors.departmentId?.message} /> : null}
      <Field id="cluster-kubeconfig" label={t('clusters.kubeconfig')} hint={t('clusters.kubeconfigHint')} error={errors.kubeconfig?.message}>
        <Textarea
          {...described('cluster-kubeconfig', errors.kubeconfig?.message, true)}
          rows={9}
          spellCheck={false}
          className="font-mono text-xs"
          placeholder={'apiVersion: v1\nkind: Config\ncurrent-context: …'}
          {...register('kubeconfig')}
        />
      </Field>
      <div>
        <label className="inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
          <input type="file" className="sr-only" accept=".yaml,.yml,.conf,.config,.json,text/*" onChange={(e) => void load(e.target.files?.[0])} />
          {t('clusters.upload')}
        </label>
      </div>
      <ClusterLabelsField id="cluster-labels" rows={2} registration={register('labelsText')} error={errors.labelsText?.message} />
      <FormActions onCancel={onDone} cancelLabel={t('common.cancel')} submitLabel={t('clusters.register')} busyLabel={t('common.saving')} busy={formState.isSubmitting} />
    </form>
  );
}
