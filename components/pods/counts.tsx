'use client';

import type { PodCounts } from '@/lib/client/use-pods';
import { useT } from '@/lib/i18n/react';
import type { PodGroup } from '@/lib/pods-console/schema';

const tones: Record<PodGroup | 'total', string> = {
  running: 'text-emerald-700 dark:text-emerald-400',
  failed: 'text-red-700 dark:text-red-400',
  other: 'text-amber-700 dark:text-amber-400',
  total: 'text-slate-900 dark:text-slate-100',
};

/** Counts by group for the whole scope; a click shows only that group (again: all). */
export function PodCountCards({ counts, group, onGroup }: { counts: PodCounts | undefined; group?: PodGroup; onGroup: (g: PodGroup | undefined) => void }) {
  const t = useT();
  const cards: Array<PodGroup | 'total'> = ['total', 'running', 'failed', 'other'];
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4" role="group" aria-label={t('pods.groupHint')}>
      {cards.map((g) => {
        const active = g === 'total' ? !group : group === g;
        return (
          <button
            key={g}
            type="button"
            aria-pressed={active}
            data-testid={`count-${g}`}
            onClick={() => onGroup(g === 'total' || group === g ? undefined : g)}
            className={`rounded-xl border bg-white px-4 py-3 text-left shadow-sm transition-colors dark:bg-slate-900 ${active
              ? 'border-sky-600 ring-2 ring-sky-600/25 dark:border-sky-500'
              : 'border-slate-200 hover:border-slate-300 dark:border-slate-800 dark:hover:border-slate-700'}`}
          >
            <div className="text-xs font-medium text-slate-600 uppercase dark:text-slate-400">{t(`pods.groups.${g}`)}</div>
            <div className={`mt-1 text-2xl font-semibold tabular-nums ${tones[g]}`}>{counts ? counts[g] : '–'}</div>
          </button>
        );
      })}
    </div>
  );
}
