/** Applying the stream's messages and the list's later pages to the list the page holds (client-safe, pure). */
import type { PodList, PodRow, PodStreamMessage } from './schema';

export function byNamespaceAndName(a: PodRow, b: PodRow): number {
  return a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1;
}

/**
 * The list as the dashboard holds it: the first page, the pages after it
 * merged in, the stream applied. While pages are still coming (`next` set),
 * `gone` remembers the pods the stream removed (uid → the resourceVersion of
 * the removal), so a later page served from a cache that had not yet seen
 * the removal cannot bring them back.
 */
export interface HeldPods extends PodList {
  gone?: Record<string, string>;
}

const newer = (a: string, b: string) => Number(a) > Number(b);

function sorted(items: PodRow[]): PodRow[] {
  for (let i = 1; i < items.length; i++) if (byNamespaceAndName(items[i - 1], items[i]) > 0) return items.sort(byNamespaceAndName);
  return items;
}

/**
 * One batch of ADDED/MODIFIED/DELETED/COUNTS onto the list: rows replaced
 * in place, new ones inserted in name order, deleted ones dropped (unknown
 * ones ignored once every page is in). The list's resourceVersion stays the
 * one it was listed at.
 */
export function applyPodMessages(list: HeldPods, batch: readonly PodStreamMessage[]): HeldPods {
  if (!batch.length) return list;
  const rows = new Map(list.items.map((r) => [r.uid, r]));
  let counts = list.counts;
  let gone = list.gone;
  let added = false;
  let changed = false;
  for (const m of batch) {
    if (m.type === 'ADDED' || m.type === 'MODIFIED') {
      const had = rows.get(m.row.uid);
      // An older copy (events of two reconnects overlapping) must not replace a newer one.
      if (had && newer(had.resourceVersion, m.row.resourceVersion)) continue;
      if (!had) added = true;
      rows.set(m.row.uid, m.row);
      changed = true;
    } else if (m.type === 'DELETED') {
      changed = rows.delete(m.uid) || changed;
      if (list.next !== null && m.resourceVersion) {
        gone = { ...gone, [m.uid]: m.resourceVersion };
        changed = true;
      }
    } else if (m.type === 'COUNTS') {
      counts = m.counts;
    }
  }
  if (!changed) return counts === list.counts ? list : { ...list, counts };
  const items = [...rows.values()];
  if (added) items.sort(byNamespaceAndName);
  return { ...list, items, counts, gone };
}

/**
 * The next page (asked with `after: list.next`) merged into the list: rows
 * the list holds at a newer version, and rows the stream removed since, are
 * kept as the list has them. When it was the last page, `gone` is dropped
 * and `total` is what the list holds (the stream keeps it from there).
 */
export function mergePodPage(list: HeldPods, page: PodList): HeldPods {
  const rows = new Map(list.items.map((r) => [r.uid, r]));
  for (const r of page.items) {
    const removed = list.gone?.[r.uid];
    if (removed && !newer(r.resourceVersion, removed)) continue;
    const had = rows.get(r.uid);
    if (had && !newer(r.resourceVersion, had.resourceVersion)) continue;
    rows.set(r.uid, r);
  }
  const items = sorted([...rows.values()]);
  const done = page.next === null;
  return { ...list, items, next: page.next, total: done ? items.length : Math.max(page.total, items.length), gone: done ? undefined : list.gone };
}

/** How many rows the list is still to receive (placeholders in the table). */
export function pendingRows(list: HeldPods): number {
  return list.next === null ? 0 : Math.max(0, list.total - list.items.length);
}
