'use client';

import { useState } from 'react';
import { isAdminRole, useMe } from '@/lib/client/use-me';
import { useI18n } from '@/lib/i18n/react';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/states';
import { DecidedRequests } from '@/components/audit/decided-requests';
import { PendingRequests } from '@/components/audit/pending-requests';

type Tab = 'pending' | 'decided';

export function AuditQueuePage() {
  const { t } = useI18n();
  const me = useMe().data;
  const [tab, setTab] = useState<Tab>('pending');
  const tabClass = (on: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${on ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-800 dark:text-slate-100' : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'}`;
  return (
    <>
      <PageHeader title={t('deployQueue.title')} subtitle={t('deployQueue.subtitle')} />
      {!isAdminRole(me?.role) ? (
        <EmptyState icon="auditQueue" title={t('deployQueue.title')}>{t('deployQueue.notAdmin')}</EmptyState>
      ) : (
        <>
          <div role="tablist" aria-label={t('deployQueue.title')} className="mb-4 inline-flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-900">
            {(['pending', 'decided'] as const).map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className={tabClass(tab === k)} onClick={() => setTab(k)}>
                {t(k === 'pending' ? 'deployQueue.pendingTab' : 'deployQueue.decidedTab')}
              </button>
            ))}
          </div>
          {tab === 'pending' ? <PendingRequests /> : <DecidedRequests />}
        </>
      )}
    </>
  );
}
