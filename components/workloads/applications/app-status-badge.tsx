'use client';

import type { ApplicationState } from '@/lib/client/use-ecns-applications';
import { useT } from '@/lib/i18n/react';
import { Badge } from '@/components/ui/table';

const TONE = { 'No workload': 'slate', Stopped: 'slate', Unready: 'red', Running: 'green', Processing: 'amber' } as const;

export function AppStatusBadge({ status }: { status: ApplicationState }) {
  const t = useT();
  return <Badge tone={TONE[status] ?? 'violet'}>{t(`ecnsApps.states.${status}`)}</Badge>;
}
