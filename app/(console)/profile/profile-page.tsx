'use client';

import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { Card, PageHeader } from '@/components/ui/page-header';
import { PasswordForm } from './password-form';
import { Preferences } from './preferences';
import { TokensSection } from './tokens-section';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2.5 first:pt-0 last:pb-0">
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="col-span-2 truncate text-sm font-medium text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

export function ProfilePage() {
  const t = useT();
  const me = useMe().data;
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
        <Card title={t('profile.account')}>
          {me ? (
            <dl className="divide-y divide-slate-100 dark:divide-slate-800">
              <Row label={t('profile.userName')}>{me.name}</Row>
              <Row label={t('profile.displayName')}>{me.displayName || t('common.none')}</Row>
              <Row label={t('profile.email')}>{me.email || t('common.none')}</Row>
              <Row label={t('common.role')}>{t(`roles.${me.role}`)}</Row>
              <Row label={t('common.department')}>{me.departmentName ?? t('overview.noDepartment')}</Row>
            </dl>
          ) : null}
        </Card>
        <Card title={t('profile.preferences')}>
          <Preferences />
        </Card>
        <Card title={t('profile.changePassword')} className="md:col-span-2 xl:col-span-1">
          <PasswordForm />
        </Card>
      </div>
      <TokensSection />
    </>
  );
}
