'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { MAX_PAGE_SIZE, userCreate } from '@/lib/dialects/pier/org';
import { applyApiError } from '@/lib/client/form-errors';
import type { Department } from '@/lib/client/use-departments';
import type { Me } from '@/lib/client/use-me';
import { useProjects } from '@/lib/client/use-projects';
import { useCreateUser } from '@/lib/client/use-users';
import { useT } from '@/lib/i18n/react';
import { Checkbox, described, Field, Input, Select } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';

type Values = z.input<typeof userCreate>;
const fields = ['name', 'displayName', 'email', 'role', 'departmentId', 'password', 'projectIds'] as const;

export function UserCreateForm({ me, departments, onDone }: { me: Me; departments: Department[]; onDone: () => void }) {
  const t = useT();
  const create = useCreateUser();
  const system = me.role === 'system_admin';
  const { register, handleSubmit, setError, setValue, control, formState } = useForm<Values, unknown, z.output<typeof userCreate>>({
    resolver: zodResolver(userCreate),
    defaultValues: {
      name: '', displayName: '', email: '', role: 'developer', password: '', projectIds: [],
      departmentId: system ? (departments[0]?.id ?? null) : me.departmentId,
    },
  });
  const { errors } = formState;
  const role = useWatch({ control, name: 'role' });
  const departmentId = useWatch({ control, name: 'departmentId' });
  // The department's first MAX_PAGE_SIZE projects; the form says so when there are more.
  const projects = useProjects({ departmentId: departmentId ?? undefined, pageSize: MAX_PAGE_SIZE }, { enabled: !!departmentId });
  const member = role === 'developer' || role === 'visitor';

  const onSubmit = handleSubmit(async (values) => {
    try {
      await create.mutateAsync({ ...values, projectIds: member ? values.projectIds : [] });
      onDone();
    } catch (err) {
      applyApiError(err, setError, fields);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="user-name" label={t('users.userName')} error={errors.name?.message}>
          <Input {...described('user-name', errors.name?.message)} autoFocus autoComplete="off" {...register('name')} />
        </Field>
        <Field id="user-display-name" label={t('users.displayName')} error={errors.displayName?.message}>
          <Input {...described('user-display-name', errors.displayName?.message)} {...register('displayName')} />
        </Field>
        <Field id="user-email" label={t('users.email')} error={errors.email?.message}>
          <Input {...described('user-email', errors.email?.message)} type="email" {...register('email')} />
        </Field>
        <Field id="user-password" label={t('users.password')} error={errors.password?.message}>
          <Input {...described('user-password', errors.password?.message)} type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        <Field id="user-role" label={t('common.role')} error={errors.role?.message}>
          <Select
            {...described('user-role', errors.role?.message)}
            {...register('role', {
              onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
                if (e.target.value === 'system_admin') setValue('departmentId', null);
                else if (departmentId === null) setValue('departmentId', departments[0]?.id ?? null);
              },
            })}
          >
            {(system ? (['system_admin', 'admin', 'developer', 'visitor'] as const) : (['admin', 'developer', 'visitor'] as const)).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="user-department" label={t('common.department')} error={errors.departmentId?.message}>
          <Select
            {...described('user-department', errors.departmentId?.message)}
            {...register('departmentId', { setValueAs: (v: string | null) => (v ? v : null), onChange: () => setValue('projectIds', []) })}
          >
            {/* Not disabled: react-hook-form drops disabled inputs' values; the choices narrow instead. */}
            {role === 'system_admin' ? <option value="">{t('users.noDepartment')}</option> : null}
            {(role === 'system_admin' ? [] : departments).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {member ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('common.projects')}</legend>
          {!departmentId ? (
            <p className="text-sm text-slate-500">{t('users.pickDepartmentFirst')}</p>
          ) : projects.data?.items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('users.noProjectsInDepartment')}</p>
          ) : (
            <div className="grid max-h-40 gap-2 overflow-y-auto rounded-md border border-slate-200 p-3 sm:grid-cols-2 dark:border-slate-700">
              {projects.data?.items.map((p) => (
                <Checkbox key={p.id} id={`user-project-${p.id}`} label={p.name} value={p.id} {...register('projectIds')} />
              ))}
            </div>
          )}
          {departmentId && projects.data && projects.data.total > projects.data.items.length ? (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {t('users.moreProjects', { shown: projects.data.items.length, total: projects.data.total })}
            </p>
          ) : null}
          {errors.projectIds?.message ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.projectIds.message}</p> : null}
        </fieldset>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t('users.adminSeesAll')}</p>
      )}
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
