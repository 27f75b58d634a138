'use client';

import { useT } from '@/lib/i18n/react';
import type { MessageKey } from '@/lib/i18n';
import { Badge } from '@/components/ui/table';
import { statusTone } from './format';

const KNOWN = ['Running', 'Failed', 'Pending', 'Unknown', 'Succeed', 'Removing', 'Stopped'];

/** A workload's status word in the reader's language; a pod's (kubectl's words) as it is. */
export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  const label = KNOWN.includes(status) ? t(`workloads.states.${status}` as MessageKey) : status;
  return <Badge tone={statusTone(status)}>{label}</Badge>;
}
