'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { projectCreate, projectUpdate } from '@/lib/dialects/pier/org';
import { applyApiError } from '@/lib/client/form-errors';
import type { Department } from '@/lib/client/use-departments';
import { useCreateProject, useUpdateProject, type Project } from '@/lib/client/use-projects';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input, Select, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';

type CreateValues = z.input<typeof projectCreate>;

export function ProjectCreateForm({ departments, defaultDepartmentId, onDone }: { departments: Department[]; defaultDepartmentId: string; onDone: () => void }) {
  const t = useT();
  const create = useCreateProject();
  const { register, handleSubmit, setError, formState } = useForm<CreateValues, unknown, z.output<typeof projectCreate>>({
    resolver: zodResolver(projectCreate),
    defaultValues: { departmentId: defaultDepartmentId, name: '', description: '' },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['departmentId', 'name', 'description']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field id="project-department" label={t('common.department')} error={errors.departmentId?.message}>
        <Select {...described('project-department', errors.departmentId?.message)} {...register('departmentId')}>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="project-name" label={t('common.name')} hint={t('projects.nameHint')} error={errors.name?.message}>
        <Input {...described('project-name', errors.name?.message, true)} autoFocus autoComplete="off" {...register('name')} />
      </Field>
      <Field id="project-description" label={t('common.description')} error={errors.description?.message}>
        <Textarea {...described('project-description', errors.description?.message)} rows={3} {...register('description')} />
      </Field>
      <FormActions
        onCancel={onDone}
        cancelLabel={t('common.cancel')}
        submitLabel={t('common.create')}
        busyLabel={t('common.creating')}
        busy={formState.isSubmitting}
      />
    </form>
  );
}

export function ProjectEditForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const t = useT();
  const update = useUpdateProject(project.id);
  const { register, handleSubmit, setError, formState } = useForm<z.infer<typeof projectUpdate>>({
    resolver: zodResolver(projectUpdate),
    defaultValues: { description: project.description },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    try {
      await update.mutateAsync(values);
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['description']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field id="project-edit-description" label={t('common.description')} error={errors.description?.message}>
        <Textarea {...described('project-edit-description', errors.description?.message)} rows={3} autoFocus {...register('description')} />
      </Field>
      <FormActions
        onCancel={onDone}
        cancelLabel={t('common.cancel')}
        submitLabel={t('common.save')}
        busyLabel={t('common.saving')}
        busy={formState.isSubmitting}
      />
    </form>
  );
}
