'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { thirdCreate } from '@/lib/dialects/ote/images';
import { applyApiError } from '@/lib/client/form-errors';
import { useCreateThirdRegistry } from '@/lib/client/use-images';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input } from '@/components/ui/field';
import { FormActions } from '@/components/ui/modal';
import { FormError } from '@/components/ui/query-state';

type In = z.input<typeof thirdCreate>;
type Out = z.output<typeof thirdCreate>;

export function RegistryForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const create = useCreateThirdRegistry();
  const { register, handleSubmit, setError, formState } = useForm<In, unknown, Out>({
    resolver: zodResolver(thirdCreate),
    defaultValues: { address: '', user: '', password: '' },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (v) => {
    try {
      await create.mutateAsync({ repositoryId: v.repositoryId || undefined, address: v.address, user: v.user, password: v.password });
      onDone();
    } catch (err) {
      applyApiError(err, setError, ['repositoryId', 'address', 'user', 'password']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field id="third-address" label={t('images.registries.address')} error={errors.address?.message}>
        <Input {...described('third-address', errors.address?.message)} placeholder="registry.example.com:5000" autoFocus autoComplete="off" {...register('address')} />
      </Field>
      <Field id="third-id" label={t('images.registries.id')} hint={t('images.registries.idHint')} error={errors.repositoryId?.message}>
        <Input {...described('third-id', errors.repositoryId?.message, true)} autoComplete="off" {...register('repositoryId', { setValueAs: (v: string) => v || undefined })} />
      </Field>
      <Field id="third-user" label={t('images.registries.user')} error={errors.user?.message}>
        <Input {...described('third-user', errors.user?.message)} autoComplete="off" {...register('user')} />
      </Field>
      <Field id="third-password" label={t('images.registries.password')} error={errors.password?.message}>
        <Input {...described('third-password', errors.password?.message)} type="password" autoComplete="new-password" {...register('password')} />
      </Field>
      <FormActions onCancel={onDone} cancelLabel={t('common.cancel')} submitLabel={t('common.create')} busyLabel={t('common.creating')} busy={formState.isSubmitting} />
    </form>
  );
}
