'use client';

import { useT } from '@/lib/i18n/react';
import { Badge } from '@/components/ui/table';

export function NodeStatus({ ready, unschedulable }: { ready: 'True' | 'False' | 'Unknown'; unschedulable?: boolean }) {
  const t = useT();
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {ready === 'True' ? <Badge tone="green">{t('nodes.ready')}</Badge> : ready === 'False' ? <Badge tone="red">{t('nodes.notReady')}</Badge> : <Badge tone="amber">{t('nodes.unknown')}</Badge>}
      {unschedulable ? <Badge tone="amber">{t('nodes.cordoned')}</Badge> : null}
    </span>
  );
}

/** "requested / allocatable" with a thin bar, so a full node stands out in a long table. */
export function Usage({ used, total, text }: { used: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  const tone = pct >= 90 ? 'bg-red-500' : pct >= 70 ? 'bg-amber-500' : 'bg-sky-500';
  return (
    <div className="min-w-28 space-y-1">
      <div className="text-xs whitespace-nowrap text-slate-700 dark:text-slate-300">{text}</div>
      <div className="h-1.5 w-full rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <div className={`h-1.5 rounded ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
