'use client';

import { useT } from '@/lib/i18n/react';
import { Button } from './button';
import { Spinner } from './states';

/** Prev/Next under a paged table: "page X of Y" and the total, as `totalLabel` words it. */
export function Pager({
  page,
  pageSize,
  total,
  totalLabel,
  fetching = false,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  totalLabel: string;
  fetching?: boolean;
  onPage: (page: number) => void;
}) {
  const t = useT();
  const pages = pageCount(total, pageSize);
  return (
    <nav aria-label={t('common.pageOf', { page, pages })} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600 dark:text-slate-400">
      <span className="flex items-center gap-2">
        {totalLabel}
        {fetching ? <Spinner className="size-3.5" /> : null}
      </span>
      <span className="flex items-center gap-3">
        <span>{t('common.pageOf', { page, pages })}</span>
        <Button size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('common.previous')}
        </Button>
        <Button size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('common.next')}
        </Button>
      </span>
    </nav>
  );
}

/** At least one page, so an empty list reads "page 1 of 1". */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
