'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { applyApiError } from '@/lib/client/form-errors';
import { useCreateWorkspace } from '@/lib/client/use-images';
import { workspaceName } from '@/lib/images/names';
import { useT } from '@/lib/i18n/react';
import { Checkbox, described, Field, Input } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';

const form = z.object({ harbor_project_name: workspaceName, public: z.boolean() });
type Values = z.infer<typeof form>;

export function WorkspaceCreateForm({ projectId, projectName, onDone }: { projectId: string; projectName: string; onDone: () => void }) {
  const t = useT();
  const create = useCreateWorkspace();
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(form),
    defaultValues: { harbor_project_name: '', public: false },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (v) => {
    try {
      await create.mutateAsync({ name: v.harbor_project_name, public: v.public, projectId });
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['harbor_project_name', 'public']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('images.workspaces.createFor', { project: projectName })}</p>
      <Field id="ws-name" label={t('common.name')} hint={t('images.workspaces.nameHint')} error={errors.harbor_project_name?.message}>
        <Input {...described('ws-name', errors.harbor_project_name?.message, true)} autoFocus autoComplete="off" {...register('harbor_project_name')} />
      </Field>
      <Checkbox id="ws-public" label={t('images.workspaces.publicHint')} {...register('public')} />
      <FormActions onCancel={onDone} cancelLabel={t('common.cancel')} submitLabel={t('common.create')} busyLabel={t('common.creating')} busy={formState.isSubmitting} />
    </form>
  );
}
