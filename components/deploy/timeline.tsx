'use client';

import type { RequestRow } from '@/lib/client/use-deploy';
import { formatDateTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n/react';
import { DeployStatusBadge, useTypeText } from './status';

/** Each request of a deployment, newest first: what was asked, by whom, who decided with what comment, how it ended. */
export function Timeline({ requests }: { requests: RequestRow[] }) {
  const { t, locale } = useI18n();
  const typeText = useTypeText();
  const when = (v: string | null) => formatDateTime(v, locale);
  return (
    <ol aria-label={t('deployments.timeline')} className="relative space-y-4 border-l border-slate-200 pl-5 dark:border-slate-800">
      {[...requests].reverse().map((r) => (
        <li key={r.seq} data-testid={`request-${r.seq}`} className="relative">
          <span className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-sky-600 ring-4 ring-white dark:bg-sky-400 dark:ring-slate-950" aria-hidden="true" />
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900 dark:text-slate-100">{t('deployments.step', { type: typeText(r.type), version: r.version })}</span>
            <DeployStatusBadge status={r.status} />
            <span className="text-xs text-slate-500 dark:text-slate-400">#{r.seq}</span>
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {t('deployments.asked', { who: r.requestedBy, when: when(r.createdAt) })}
            {r.comment ? <span className="text-slate-700 dark:text-slate-300"> — “{r.comment}”</span> : null}
          </p>
          {r.decidedBy ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {t('deployments.decidedLine', { status: t(`deploy.status.${r.status === 2 ? 2 : 1}` as MessageKey), who: r.decidedBy, when: when(r.decidedAt) })}
              {r.auditComment ? <span className="text-slate-700 dark:text-slate-300"> — “{r.auditComment}”</span> : null}
            </p>
          ) : null}
          {r.error ? <p className="text-sm text-red-700 dark:text-red-400">{t('deployments.error')}: {r.error}</p> : null}
        </li>
      ))}
    </ol>
  );
}
