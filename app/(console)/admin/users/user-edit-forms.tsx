'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { userUpdate } from '@/lib/dialects/pier/org';
import { applyApiError } from '@/lib/client/form-errors';
import { useUpdateUser, type User } from '@/lib/client/use-users';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Checkbox, described, Field, Input, Select } from '@/components/ui/field';
import { FormActions, ModalActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

const profileSchema = userUpdate.omit({ password: true });
const passwordSchema = userUpdate.pick({ password: true }).required();

export function UserEditForm({ user, onDone }: { user: User; onDone: () => void }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const { register, handleSubmit, setError, formState } = useForm<z.infer<typeof profileSchema>>({
    resolver: zodResolver(profileSchema),
    defaultValues: {
      displayName: user.displayName,
      email: user.email,
      disabled: user.disabled,
      ...(user.role === 'system_admin' ? {} : { role: user.role }),
    },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    try {
      await update.mutateAsync(values);
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['displayName', 'email', 'role', 'disabled']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field id="edit-display-name" label={t('users.displayName')} error={errors.displayName?.message}>
        <Input {...described('edit-display-name', errors.displayName?.message)} autoFocus {...register('displayName')} />
      </Field>
      <Field id="edit-email" label={t('users.email')} error={errors.email?.message}>
        <Input {...described('edit-email', errors.email?.message)} type="email" {...register('email')} />
      </Field>
      {user.role === 'system_admin' ? null : (
        <Field id="edit-role" label={t('common.role')} error={errors.role?.message}>
          <Select {...described('edit-role', errors.role?.message)} {...register('role')}>
            {(['admin', 'developer', 'visitor'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div>
        <Checkbox id="edit-disabled" label={t('users.disableAccount')} {...register('disabled')} />
        {errors.disabled?.message ? <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">{errors.disabled.message}</p> : null}
      </div>
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

export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<z.infer<typeof passwordSchema>>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { password: '' },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    try {
      await update.mutateAsync(values);
      setDone(true);
    } catch (err) {
      applyApiError(err, setError, ['password']);
    }
  });
  if (done) {
    return (
      <div className="space-y-4">
        <Notice tone="success">{t('users.resetDone')}</Notice>
        <ModalActions>
          <Button variant="primary" onClick={onDone}>
            {t('common.close')}
          </Button>
        </ModalActions>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field id="reset-password" label={t('users.newPassword')} error={errors.password?.message}>
        <Input {...described('reset-password', errors.password?.message)} type="password" autoComplete="new-password" autoFocus {...register('password')} />
      </Field>
      <FormActions
        onCancel={onDone}
        cancelLabel={t('common.cancel')}
        submitLabel={t('users.resetPassword')}
        busyLabel={t('common.saving')}
        busy={formState.isSubmitting}
      />
    </form>
  );
}
