import { asc, desc, type AnyColumn, type SQL } from 'drizzle-orm';

/** Paging and order of the catalog lists. `pageSize` 0 means every row (ote's "0 for no limited"). */
export interface CatalogList<K extends string> {
  page?: number;
  pageSize?: number;
  orderBy?: K;
  order?: 'asc' | 'desc';
  /** Case-insensitive substring of the name. */
  q?: string;
}

export interface CatalogPage<T> {
  items: T[];
  total: number;
}

export function limitOffset(o: { page?: number; pageSize?: number }): { limit?: number; offset: number } {
  const page = Math.max(1, o.page ?? 1);
  const size = o.pageSize ?? 10;
  return size === 0 ? { offset: 0 } : { limit: size, offset: (page - 1) * size };
}

/** The ORDER BY for a chosen key, with a unique tiebreaker so pages never overlap. */
export function orderOf<K extends string>(columns: Record<K, AnyColumn | SQL>, key: K, order: 'asc' | 'desc', tiebreak: AnyColumn) {
  const dir = order === 'asc' ? asc : desc;
  return [dir(columns[key]), dir(tiebreak)];
}
