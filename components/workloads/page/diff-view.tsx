'use client';

import { useMemo } from 'react';
import { useT } from '@/lib/i18n/react';
import { lineDiff } from '../format';

/** A line diff of two YAML texts, removed lines red, added green. */
export function DiffView({ before, after }: { before: string; after: string }) {
  const t = useT();
  const lines = useMemo(() => lineDiff(before, after), [before, after]);
  const added = lines.filter((l) => l.op === '+').length;
  const removed = lines.filter((l) => l.op === '-').length;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="diff-summary">
        {added + removed === 0 ? t('workloads.revisions.same') : `${t('workloads.revisions.added', { count: added })} · ${t('workloads.revisions.removed', { count: removed })}`}
      </p>
      <pre aria-label={t('workloads.revisions.diff')} className="max-h-[32rem] overflow-auto rounded-xl border border-slate-200 bg-white py-2 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-950">
        {lines.map((l, i) => (
          <div
            key={i}
            data-op={l.op === ' ' ? 'same' : l.op === '+' ? 'added' : 'removed'}
            className={`px-3 whitespace-pre ${l.op === '+' ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200' : l.op === '-' ? 'bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200' : 'text-slate-700 dark:text-slate-300'}`}
          >
            {`${l.op} ${l.text}`}
          </div>
        ))}
      </pre>
    </div>
  );
}
