'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { departmentCreate } from '@/lib/dialects/pier/org';
import { applyApiError } from '@/lib/client/form-errors';
import { useCreateDepartment, useUpdateDepartment, type Department } from '@/lib/client/use-departments';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';

type Values = z.input<typeof departmentCreate>;

/** Create (no department given) or rename/describe an existing one; both use the create schema's rules. */
export function DepartmentForm({ department, onDone }: { department?: Department; onDone: () => void }) {
  const t = useT();
  const create = useCreateDepartment();
  const update = useUpdateDepartment(department?.id ?? '');
  const { register, handleSubmit, setError, formState } = useForm<Values, unknown, z.output<typeof departmentCreate>>({
    resolver: zodResolver(departmentCreate),
    defaultValues: { name: department?.name ?? '', description: department?.description ?? '' },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    try {
      if (department) await update.mutateAsync(values);
      else await create.mutateAsync(values);
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['name', 'description']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field id="department-name" label={t('common.name')} error={errors.name?.message}>
        <Input {...described('department-name', errors.name?.message)} autoFocus {...register('name')} />
      </Field>
      <Field id="department-description" label={t('common.description')} error={errors.description?.message}>
        <Textarea {...described('department-description', errors.description?.message)} rows={3} {...register('description')} />
      </Field>
      <FormActions
        onCancel={onDone}
        cancelLabel={t('common.cancel')}
        submitLabel={department ? t('common.save') : t('common.create')}
        busyLabel={t('common.saving')}
        busy={formState.isSubmitting}
      />
    </form>
  );
}
