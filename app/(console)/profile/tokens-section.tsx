'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { tokenCreate, type TokenCreate } from '@/lib/dialects/pier/account';
import { applyApiError } from '@/lib/client/form-errors';
import { useCreateToken, useRevokeToken, useTokens, type IssuedToken, type PersonalToken } from '@/lib/client/use-tokens';
import { useI18n } from '@/lib/i18n/react';
import { formatDateTime } from '@/lib/i18n/format';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { described, Field, Input } from '@/components/ui/field';
import { Card } from '@/components/ui/page-header';
import { FormError, QueryState, useErrorText } from '@/components/ui/query-state';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { TokenSecret } from './token-secret';

function Status({ token }: { token: PersonalToken }) {
  const { t } = useI18n();
  if (token.revokedAt) return <Badge tone="red">{t('profile.revoked')}</Badge>;
  if (token.expired) return <Badge tone="amber">{t('profile.expired')}</Badge>;
  return <Badge tone="green">{t('profile.active')}</Badge>;
}

export function TokensSection() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [revoking, setRevoking] = useState<PersonalToken | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<TokenCreate>({
    resolver: zodResolver(tokenCreate),
    defaultValues: { name: '', expiresInDays: 30 },
  });
  const { errors } = formState;
  const onSubmit = handleSubmit(async (values) => {
    try {
      setIssued(await create.mutateAsync(values));
      reset();
    } catch (err) {
      applyApiError(err, setError, ['name', 'expiresInDays']);
    }
  });
  const closeRevoke = () => {
    setRevoking(null);
    revoke.reset();
  };
  const when = (v: string | null) => (v ? formatDateTime(v, locale) : t('profile.never'));

  return (
    <Card title={t('profile.tokens')} className="mt-6">
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t('profile.tokensHint')}</p>
      <form onSubmit={onSubmit} noValidate className="mb-4 flex flex-wrap items-start gap-3">
        <Field id="token-name" label={t('profile.tokenName')} error={errors.name?.message} className="min-w-[12rem] flex-1">
          <Input {...described('token-name', errors.name?.message)} autoComplete="off" {...register('name')} />
        </Field>
        <Field id="token-days" label={t('profile.expiresInDays')} error={errors.expiresInDays?.message} className="w-40">
          <Input {...described('token-days', errors.expiresInDays?.message)} type="number" min={1} max={365} {...register('expiresInDays', { valueAsNumber: true })} />
        </Field>
        <Button type="submit" variant="primary" className="mt-7" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.creating') : t('profile.createToken')}
        </Button>
      </form>
      <div className="mb-4 space-y-3 empty:hidden">
        <FormError message={errors.root?.server?.message} />
        {issued ? <TokenSecret token={issued} onDismiss={() => setIssued(null)} /> : null}
      </div>
      <QueryState query={tokens}>
        {tokens.data?.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t('profile.noTokens')}</p>
        ) : (
          <Table label={t('profile.tokens')}>
            <thead>
              <tr>
                <Th>{t('common.name')}</Th>
                <Th>{t('profile.prefix')}</Th>
                <Th>{t('common.created')}</Th>
                <Th>{t('profile.expires')}</Th>
                <Th>{t('profile.lastUsed')}</Th>
                <Th>{t('profile.status')}</Th>
                <Th className="text-right">{t('common.actions')}</Th>
              </tr>
            </thead>
            <Tbody>
              {tokens.data?.map((tk) => (
                <tr key={tk.id}>
                  <Td className="font-medium text-slate-900 dark:text-slate-100">{tk.name}</Td>
                  <Td className="font-mono text-xs">{tk.prefix}…</Td>
                  <Td className="whitespace-nowrap">{when(tk.createdAt)}</Td>
                  <Td className="whitespace-nowrap">{when(tk.expiresAt)}</Td>
                  <Td className="whitespace-nowrap">{when(tk.lastUsedAt)}</Td>
                  <Td>
                    <Status token={tk} />
                  </Td>
                  <Td className="text-right">
                    {!tk.revokedAt && !tk.expired ? (
                      <Button size="sm" variant="dangerGhost" aria-label={`${t('profile.revoke')} ${tk.name}`} onClick={() => setRevoking(tk)}>
                        {t('profile.revoke')}
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </Tbody>
          </Table>
        )}
      </QueryState>
      <ConfirmDialog
        open={revoking !== null}
        title={t('profile.revokeTitle')}
        message={t('profile.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('profile.revoke')}
        pending={revoke.isPending}
        error={revoke.error ? errorText(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: closeRevoke })}
        onClose={closeRevoke}
      />
    </Card>
  );
}
