'use client';

import { useState } from 'react';
import { useAuditLog } from '@/lib/client/use-audit';
import { useT } from '@/lib/i18n/react';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState } from '@/components/ui/states';
import { Table, Tbody, Th } from '@/components/ui/table';
import { AuditFiltersForm, emptyFilters, toQuery, type FilterValues } from './audit-filters';
import { AuditRow } from './audit-row';

const PAGE_SIZE = 50;

export function AuditLogPage() {
  const t = useT();
  const [filters, setFilters] = useState<FilterValues>(emptyFilters);
  const [page, setPage] = useState(1);
  const query = useAuditLog({ ...toQuery(filters), page, pageSize: PAGE_SIZE });
  const data = query.data;

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <AuditFiltersForm
        onApply={(v) => {
          setFilters(v);
          setPage(1);
        }}
      />
      <QueryState query={query}>
        {data && data.items.length === 0 ? (
          <EmptyState icon="auditLog" title={t('audit.empty')} />
        ) : (
          <>
            <Table label={t('audit.title')}>
              <thead>
                <tr>
                  <Th className="w-10">
                    <span className="sr-only">{t('audit.details')}</span>
                  </Th>
                  <Th>{t('audit.at')}</Th>
                  <Th>{t('audit.actor')}</Th>
                  <Th>{t('audit.action')}</Th>
                  <Th>{t('audit.resource')}</Th>
                  <Th>{t('audit.source')}</Th>
                </tr>
              </thead>
              <Tbody>
                {data?.items.map((e) => (
                  <AuditRow key={e.id} entry={e} />
                ))}
              </Tbody>
            </Table>
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={data?.total ?? 0}
              totalLabel={t('audit.total', { n: data?.total ?? 0 })}
              fetching={query.isFetching}
              onPage={setPage}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
