'use client';

import { useI18n } from '@/lib/i18n/react';
import type { MessageKey } from '@/lib/i18n';
import { Badge } from '@/components/ui/table';
import { Spinner } from '@/components/ui/states';

type Tone = 'slate' | 'sky' | 'green' | 'amber' | 'red' | 'violet';
const tones: Record<number, Tone> = { 0: 'amber', 1: 'sky', 2: 'red', 3: 'sky', 4: 'sky', 5: 'green', 6: 'amber', 7: 'red', 8: 'red', 9: 'slate' };

/** ote's status code (0–9) in words, coloured; a spinner while the rollout moves. */
export function DeployStatusBadge({ status }: { status: number }) {
  const { t } = useI18n();
  return (
    <Badge tone={tones[status] ?? 'slate'}>
      {status === 3 || status === 4 ? <Spinner className="mr-1 size-3" /> : null}
      {t(`deploy.status.${status}` as MessageKey)}
    </Badge>
  );
}

export function useTypeText() {
  const { t } = useI18n();
  return (type: number) => t(`deploy.type.${type}` as MessageKey);
}

export function TypeBadge({ type }: { type: number }) {
  const text = useTypeText();
  return <Badge tone={type === 4 ? 'red' : type === 3 ? 'violet' : type === 2 ? 'sky' : 'slate'}>{text(type)}</Badge>;
}

/** running / error / total, the seed's errorMessage counts. */
export function PodCounts({ pods }: { pods: { running: number; error: number; total: number } }) {
  const { t } = useI18n();
  return (
    <span className="font-mono text-xs whitespace-nowrap" title={t('deploy.podsCounts', pods)} aria-label={t('deploy.podsCounts', pods)}>
      <span className="text-emerald-700 dark:text-emerald-400">{pods.running}</span>
      {' / '}
      <span className={pods.error ? 'text-red-700 dark:text-red-400' : ''}>{pods.error}</span>
      {' / '}
      {pods.total}
    </span>
  );
}

/** How long ago, in the largest whole unit ("5 min"). */
export function useAge() {
  const { t } = useI18n();
  return (iso: string, now = Date.now()) => {
    const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
    if (s < 60) return t('deploy.ago.s', { n: s });
    if (s < 3600) return t('deploy.ago.m', { n: Math.floor(s / 60) });
    if (s < 86400) return t('deploy.ago.h', { n: Math.floor(s / 3600) });
    return t('deploy.ago.d', { n: Math.floor(s / 86400) });
  };
}
