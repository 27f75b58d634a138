'use client';

import { usePendingCount } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';

/** The count of requests waiting for the administrator, beside "Audit queue" in the navigation; nothing at 0. */
export function PendingBadge() {
  const { t } = useI18n();
  const { data: n } = usePendingCount(true);
  if (!n) return null;
  return (
    <span
      data-testid="audit-pending-count"
      aria-label={t('deployQueue.badge', { n })}
      className="ml-auto inline-flex min-w-5 items-center justify-center rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-white dark:bg-amber-400 dark:text-slate-950"
    >
      {n > 99 ? '99+' : n}
    </span>
  );
}
