import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../dialects/pier/org';
import { Invalid } from '../errors';

/** One page of a list, with the count of every row the same filter matches. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Paging and filters of the org lists; the route parses them with `listQuery`, core callers may omit any. */
export interface ListOptions {
  page?: number;
  pageSize?: number;
  /** Case-insensitive substring of the name. */
  q?: string;
  departmentId?: string;
}

/** Defaults and bounds, checked here too so a core caller cannot ask for an unbounded page. */
export function paging(opts: ListOptions): { page: number; pageSize: number; offset: number } {
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1) throw new Invalid({ page: 'at least 1' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new Invalid({ pageSize: `between 1 and ${MAX_PAGE_SIZE}` });
  }
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** An ILIKE pattern matching `q` anywhere, with LIKE's own characters taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, '\\$&')}%`;
}
