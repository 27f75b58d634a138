import { DEFAULT_PAGE_SIZE } from '@/lib/dialects/pier/org';

/** One page of a console list, as `GET /users` and `GET /projects` answer it. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What a list request may ask; the server's defaults apply to what is left out. */
export interface ListParams {
  page?: number;
  pageSize?: number;
  q?: string;
  departmentId?: string;
}

/** A stable query key part: absent and empty values compare equal. */
export function listKey(p: ListParams) {
  return { page: p.page ?? 1, pageSize: p.pageSize ?? DEFAULT_PAGE_SIZE, q: p.q || '', departmentId: p.departmentId || '' };
}

/** The query string: left-out values are not sent, so the server's defaults apply. */
export function listParams(p: ListParams) {
  return { page: p.page, pageSize: p.pageSize, q: p.q || undefined, departmentId: p.departmentId || undefined };
}

/**
 * The page to show after one row of `page` was deleted: when that was the
 * page's last row and it was not the first page, the page before, not an empty one.
 */
export function pageAfterDelete(page: number, rowsOnPage: number | undefined): number {
  return page > 1 && rowsOnPage === 1 ? page - 1 : page;
}
