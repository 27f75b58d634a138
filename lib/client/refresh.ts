import type { QueryClient, QueryFilters } from '@tanstack/react-query';

/**
 * What every mutation's success calls for the lists it changed. A fetch
 * already in flight (a page's first load on a cold server) may have read
 * before the change, and react-query joins a query that has no data yet to
 * that fetch instead of starting another, so a plain invalidate can leave
 * the change unseen. Cancel such fetches, then fetch anew.
 */
export async function refreshAfterChange(qc: QueryClient, ...filters: QueryFilters[]): Promise<void> {
  await Promise.all(filters.map((f) => qc.cancelQueries(f)));
  await Promise.all(filters.map((f) => qc.invalidateQueries(f)));
}
