'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { clusterRegister, clusterTypes } from '@/lib/dialects/pier/clusters';
import { applyApiError } from '@/lib/client/form-errors';
import { useRegisterCluster } from '@/lib/client/use-clusters';
import { useDepartments } from '@/lib/client/use-departments';
import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input, Select, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';
import { parseLabelsText } from './labels-text';

// The form edits labels as text; the server's schema checks each label once they are parsed.
const formSchema = clusterRegister.omit({ labels: true, departmentId: true }).extend({
  departmentId: z.string(),
  labelsText: z.string().max(8000, 'at most 8000 characters'),
});
type Values = z.input<typeof formSchema>;

/** Register a real cluster by pasting or loading its kubeconfig; the server's refusal reason lands on the kubeconfig field. */
export function RegisterClusterForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const me = useMe().data;
  const isSystemAdmin = me?.role === 'system_admin';
  const departments = useDepartments();
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
        <Field id="cluster-type" label={t('clusters.type')} error={errors.type?.message}>
          <Select {...described('cluster-type', errors.type?.message)} {...register('type')}>
            {clusterTypes.map((ty) => <option key={ty} value={ty}>{ty}</option>)}
          </Select>
        </Field>
      </div>
      {isSystemAdmin ? (
        <Field id="cluster-department" label={t('clusters.department')} error={errors.departmentId?.message}>
          <Select {...described('cluster-department', errors.departmentId?.message)} {...register('departmentId')}>
            <option value="">{t('clusters.shared')}</option>
            {departments.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </Select>
        </Field>
      ) : null}
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
      <Field id="cluster-labels" label={t('clusters.labels')} hint={t('clusters.labelsHint')} error={errors.labelsText?.message}>
        <Textarea {...described('cluster-labels', errors.labelsText?.message, true)} rows={2} className="font-mono text-xs" {...register('labelsText')} />
      </Field>
      <FormActions onCancel={onDone} cancelLabel={t('common.cancel')} submitLabel={t('clusters.register')} busyLabel={t('common.saving')} busy={formState.isSubmitting} />
    </form>
  );
}
