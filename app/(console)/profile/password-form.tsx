'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { passwordChange, type PasswordChange } from '@/lib/dialects/pier/account';
import { applyApiError } from '@/lib/client/form-errors';
import { useChangePassword } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { described, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

export function PasswordForm() {
  const t = useT();
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, reset, formState } = useForm<PasswordChange>({
    resolver: zodResolver(passwordChange),
    defaultValues: { current: '', next: '' },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setDone(false);
    try {
      await change.mutateAsync(values);
      reset();
      setDone(true);
    } catch (err) {
      applyApiError(err, setError, ['current', 'next']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {done ? <Notice tone="success">{t('profile.passwordChanged')}</Notice> : null}
      <FormError message={errors.root?.server?.message} />
      <Field id="password-current" label={t('profile.currentPassword')} error={errors.current?.message}>
        <Input {...described('password-current', errors.current?.message)} type="password" autoComplete="current-password" {...register('current')} />
      </Field>
      <Field id="password-next" label={t('profile.newPassword')} error={errors.next?.message}>
        <Input {...described('password-next', errors.next?.message)} type="password" autoComplete="new-password" {...register('next')} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.saving') : t('profile.changePassword')}
        </Button>
      </div>
    </form>
  );
}
