'use client';

import type { EventView } from '@/lib/client/use-workloads';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { EmptyState } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';

export function EventsTab({ events }: { events: EventView[] }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <EmptyState icon="auditLog" title={t('workloads.events.empty')} />;
  return (
    <Table label={t('workloads.page.events')}>
      <thead>
        <tr>
          <Th>{t('workloads.events.type')}</Th>
          <Th>{t('workloads.events.reason')}</Th>
          <Th>{t('workloads.events.message')}</Th>
          <Th>{t('workloads.events.time')}</Th>
        </tr>
      </thead>
      <Tbody>
        {events.map((e, i) => (
          <tr key={i}>
            <Td><Badge tone={e.type === 'Warning' ? 'amber' : 'slate'}>{e.type}</Badge></Td>
            <Td className="font-medium whitespace-nowrap">{e.reason ?? ''}</Td>
            <Td className="max-w-xl break-words">{e.message ?? ''}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(e.update_time, locale)}</Td>
          </tr>
        ))}
      </Tbody>
    </Table>
  );
}
