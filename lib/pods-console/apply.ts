/** Applying the stream's messages to the list the page holds (client-safe, pure). */
import type { PodList, PodRow, PodStreamMessage } from './schema';

export function byNamespaceAndName(a: PodRow, b: PodRow): number {
  return a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1;
}

/**
 * One batch of ADDED/MODIFIED/DELETED/COUNTS onto the list: rows replaced
 * in place, new ones inserted in name order, deleted ones dropped (unknown
 * ones ignored). The list's resourceVersion stays the one it was listed at.
 */
export function applyPodMessages(list: PodList, batch: readonly PodStreamMessage[]): PodList {
  if (!batch.length) return list;
  const rows = new Map(list.items.map((r) => [r.uid, r]));
  let counts = list.counts;
  let added = false;
  let changed = false;
  for (const m of batch) {
    if (m.type === 'ADDED' || m.type === 'MODIFIED') {
      const had = rows.get(m.row.uid);
      // An older copy (events of two reconnects overlapping) must not replace a newer one.
      if (had && Number(had.resourceVersion) > Number(m.row.resourceVersion)) continue;
      if (!had) added = true;
      rows.set(m.row.uid, m.row);
      changed = true;
    } else if (m.type === 'DELETED') {
      changed = rows.delete(m.uid) || changed;
    } else if (m.type === 'COUNTS') {
      counts = m.counts;
    }
  }
  if (!changed) return counts === list.counts ? list : { ...list, counts };
  const items = [...rows.values()];
  if (added) items.sort(byNamespaceAndName);
  return { ...list, items, counts };
}
