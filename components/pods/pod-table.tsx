'use client';

import Link from 'next/link';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef } from 'react';
import type { PodRow } from '@/lib/client/use-pods';
import { useT } from '@/lib/i18n/react';
import { age } from './format';
import { PodStatusBadge } from './status-badge';

const ROW_PX = 40;
const INITIAL_RECT = { width: 1200, height: 600 };
const rowSize = () => ROW_PX;
const CELL = 'truncate px-3 text-sm text-slate-700 dark:text-slate-300';

export function podHref(cluster: string, row: { namespace: string; name: string }): string {
  return `/pods/${encodeURIComponent(row.namespace)}/${encodeURIComponent(row.name)}?cluster=${encodeURIComponent(cluster)}`;
}

/**
 * The dashboard's table, virtualized: only the rows in view (and a few
 * around) are in the DOM, so 20,000 pods scroll like 20. ARIA table roles
 * keep it a table for screen readers and for getByRole. `pending` rows the
 * list has counted but not yet received are placeholders after the rows, so
 * the scrollbar has its final length from the first page on.
 */
export function PodTable({ cluster, rows, pending = 0, showNamespace, now, label }: { cluster: string; rows: PodRow[]; pending?: number; showNamespace: boolean; now: number; label: string }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const count = rows.length + pending;
  // Stable while the rows are: the virtualizer recomputes every row's position when this function changes (per render, before).
  const itemKey = useCallback((i: number) => rows[i]?.uid ?? `pending-${i}`, [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoizable; this component does not pass them down
  const v = useVirtualizer({
    count, getScrollElement: () => scroller.current, estimateSize: rowSize, overscan: 12, getItemKey: itemKey,
    // Before the table is measured (the server's render, the browser's first): rows for a typical screen, so the HTML has them.
    initialRect: INITIAL_RECT,
  });
  const cols = showNamespace
    ? 'grid-cols-[minmax(14rem,2fr)_minmax(7rem,1fr)_9rem_4.5rem_5rem_minmax(8rem,1fr)_8rem_minmax(10rem,1.5fr)_4.5rem]'
    : 'grid-cols-[minmax(14rem,2fr)_9rem_4.5rem_5rem_minmax(8rem,1fr)_8rem_minmax(10rem,1.5fr)_4.5rem]';
  const head = 'px-3 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400';
  return (
    // The rounded border is on a wrapper, not on the scroller: Chromium scrolls an element with rounded
    // corners (or inside a rounded clip) on the main thread, so every frame of a scroll waited for
    // React's rendering of the rows; a square, opaque scroller is scrolled by the compositor.
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div ref={scroller} data-testid="pod-table" className="h-[calc(100vh-24rem)] min-h-80 overflow-auto bg-white dark:bg-slate-900">
        <div role="table" aria-label={label} aria-rowcount={count + 1} aria-busy={pending > 0 || undefined} className="min-w-[68rem]">
          <div role="rowgroup" className="sticky top-0 z-10 rounded-t-[11px] border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
            <div role="row" aria-rowindex={1} className={`grid ${cols}`}>
              <div role="columnheader" className={head}>{t('pods.col.name')}</div>
              {showNamespace ? <div role="columnheader" className={head}>{t('pods.col.namespace')}</div> : null}
              <div role="columnheader" className={head}>{t('pods.col.status')}</div>
              <div role="columnheader" className={head}>{t('pods.col.ready')}</div>
              <div role="columnheader" className={head}>{t('pods.col.restarts')}</div>
              <div role="columnheader" className={head}>{t('pods.col.node')}</div>
              <div role="columnheader" className={head}>{t('pods.col.podIP')}</div>
              <div role="columnheader" className={head}>{t('pods.col.images')}</div>
              <div role="columnheader" className={head}>{t('pods.col.age')}</div>
            </div>
          </div>
          <div role="rowgroup" className="relative" style={{ height: v.getTotalSize() }}>
            {v.getVirtualItems().map((item) => {
              const r = rows[item.index];
              return r
                ? <PodTableRow key={item.key} row={r} index={item.index} start={item.start} cols={cols} cluster={cluster} showNamespace={showNamespace} ageText={age(r.created, now, t)} />
                : <PendingRow key={item.key} start={item.start} />;
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

/** A row counted but not yet received. */
function PendingRow({ start }: { start: number }) {
  return (
    <div
      aria-hidden
      data-testid="pod-row-pending"
      className="absolute inset-x-0 top-0 flex items-center gap-3 border-b border-slate-100 px-3 dark:border-slate-800"
      style={{ height: ROW_PX, transform: `translateY(${start}px)`, contain: 'strict' }}
    >
      <span className="h-3 w-56 rounded bg-slate-200 motion-safe:animate-pulse dark:bg-slate-700" />
      <span className="h-3 w-24 rounded bg-slate-100 motion-safe:animate-pulse dark:bg-slate-800" />
    </div>
  );
}

/**
 * One pod's row. Memoized: while scrolling, the rows already in view keep their props (the row
 * object changes only when the stream changes that pod), so a frame renders only the rows that
 * came into view. Fixed height and `contain: strict`: a row's layout never reaches the others.
 * The link does not prefetch: scrolling through thousands of rows asked the server for every
 * pod page that passed by (an RSC request and its parsing per row, on the scrolling thread).
 * The age comes as its text, not as the clock: the clock ticks every 15 s and, as a prop, made
 * every row in the DOM render again on each tick; the text of a pod days old does not change.
 */
const PodTableRow = memo(function PodTableRow({ row: r, index, start, cols, cluster, showNamespace, ageText }: {
  row: PodRow; index: number; start: number; cols: string; cluster: string; showNamespace: boolean; ageText: string;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`absolute inset-x-0 top-0 grid ${cols} items-center border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50`}
      style={{ height: ROW_PX, transform: `translateY(${start}px)`, contain: 'strict' }}
    >
      <div role="cell" className={`${CELL} font-medium`}>
        <Link href={podHref(cluster, r)} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400" title={r.name}>{r.name}</Link>
      </div>
      {showNamespace ? <div role="cell" className={CELL}>{r.namespace}</div> : null}
      <div role="cell" className={CELL}><PodStatusBadge status={r.status} group={r.group} /></div>
      <div role="cell" className={`${CELL} tabular-nums`}>{r.ready}</div>
      <div role="cell" className={`${CELL} tabular-nums`}>{r.restarts}</div>
      <div role="cell" className={CELL} title={r.node}>{r.node}</div>
      <div role="cell" className={`${CELL} font-mono text-xs`}>{r.podIP}</div>
      <div role="cell" className={`${CELL} font-mono text-xs`} title={r.images.join('\n')}>{r.images.join(', ')}</div>
      <div role="cell" className={`${CELL} tabular-nums`} title={r.created}>{ageText}</div>
    </div>
  );
});
