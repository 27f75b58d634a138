'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { signIn, type SignIn } from '@/lib/dialects/pier/account';
import { ApiError } from '@/lib/client/api';
import { applyApiError } from '@/lib/client/form-errors';
import { useHydrated } from '@/lib/client/use-hydrated';
import { useSignIn } from '@/lib/client/use-session';
import { useI18n } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { LanguageToggle } from '@/components/language-toggle';
import { Button } from '@/components/ui/button';
import { described, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/query-state';

export function SignInForm({ next }: { next: string }) {
  const { t, setLocale } = useI18n();
  const router = useRouter();
  const mutation = useSignIn();
  const hydrated = useHydrated();
  const { register, handleSubmit, setError, formState } = useForm<SignIn>({
    resolver: zodResolver(signIn),
    defaultValues: { name: '', password: '' },
  });
  const { errors } = formState;

  const onSubmit = handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      // A full load, so the console's server layout sees the new session cookie.
      window.location.assign(next);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError('root.server', { message: t('login.wrong') });
      else if (err instanceof ApiError && err.status === 429) setError('root.server', { message: t('login.tooMany', { n: err.retryAfter ?? 60 }) });
      else applyApiError(err, setError, ['name', 'password']);
    }
  });

  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-sky-50 to-slate-100 px-4 py-12 dark:from-slate-950 dark:to-slate-900">
      <div className="absolute top-4 right-4">
        <LanguageToggle
          onChange={(l) => {
            setLocale(l);
            router.refresh();
          }}
        />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <div className="flex size-12 items-center justify-center rounded-xl bg-sky-700 text-white shadow-md dark:bg-sky-600">
            <Icon name="anchor" className="size-7" />
          </div>
          <p className="mt-3 text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">{t('common.appName')}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('common.tagline')}</p>
        </div>
        {/* POST and disabled until hydrated: a click before the script runs never puts the password in the URL. */}
        <form
          onSubmit={onSubmit}
          method="post"
          noValidate
          className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-100">{t('login.title')}</h1>
          <FormError message={errors.root?.server?.message} />
          <Field id="login-name" label={t('login.userName')} error={errors.name?.message}>
            <Input {...described('login-name', errors.name?.message)} autoComplete="username" autoFocus {...register('name')} />
          </Field>
          <Field id="login-password" label={t('login.password')} error={errors.password?.message}>
            <Input
              {...described('login-password', errors.password?.message)}
              type="password"
              autoComplete="current-password"
              {...register('password')}
            />
          </Field>
          <Button type="submit" variant="primary" className="w-full" disabled={!hydrated || formState.isSubmitting}>
            {formState.isSubmitting ? t('login.submitting') : t('login.submit')}
          </Button>
        </form>
      </div>
    </main>
  );
}
