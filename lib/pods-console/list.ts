import type { Pod } from 'kubernetes-types/core/v1';
import type { Ctx } from '@/lib/context';
import type { KubeObject } from '@/lib/cluster/adapter';
import { cachedSorted } from '@/lib/cluster/adapter/cache';
import { inScope, matcher, rowOfCached } from './rows';
import type { PodCounts, PodList, PodListQuery, PodRow } from './schema';
import { podScope } from './scope';

type P = Pod & KubeObject;

/** Whether a row comes after the cursor "namespace/name" in the list's order (namespace, then name; code units). */
function afterCursor(cursor: string | undefined): (row: PodRow) => boolean {
  if (!cursor) return () => true;
  const slash = cursor.indexOf('/');
  const ns = cursor.slice(0, slash);
  const name = cursor.slice(slash + 1);
  return (row) => row.namespace > ns || (row.namespace === ns && row.name > name);
}

/**
 * The dashboard's list: the pods of the scope that pass the filters, in
 * namespace then name order, with the scope's counts and how many pass in
 * all; `limit` rows after the cursor `after` (the dashboard asks for its
 * first screenful, then the rest in larger pages), or every row without one.
 *
 * Served from the adapter's watch-fed pod cache through its index of each
 * namespace's pods sorted by name, and a row memoized per version of a pod
 * (rowOfCached): one pass over the scope for the counts and the total, with
 * no copy, no sort and no row built twice. The stream (stream.ts) then keeps
 * what the page holds current from this answer's resourceVersion.
 */
export async function listConsolePods(ctx: Ctx, clusterName: string, q: PodListQuery): Promise<PodList> {
  const scope = await podScope(ctx, clusterName, q.namespace);
  const fits = matcher(q);
  const view = await cachedSorted<P>(scope.c, 'pods');
  // Synchronously from here: the index's arrays change as watch events arrive.
  const namespaces = scope.namespace ? [scope.namespace] : view.index.namespaces().filter((n) => scope.shown.has(n));
  const after = afterCursor(q.after);
  const counts: PodCounts = { running: 0, failed: 0, other: 0, total: 0 };
  const items: PodRow[] = [];
  let total = 0;
  let more = false;
  for (const ns of namespaces) {
    for (const p of view.index.namespace(ns)) {
      if (!inScope(p, q)) continue;
      const row = rowOfCached(p);
      counts[row.group]++;
      counts.total++;
      if (!fits(p, row)) continue;
      total++;
      if (more || !after(row)) continue;
      if (q.limit === undefined || items.length < q.limit) items.push(row);
      else more = true;
    }
  }
  const last = items[items.length - 1];
  return {
    items, total, next: more && last ? `${last.namespace}/${last.name}` : null,
    counts, resourceVersion: view.resourceVersion, stale: view.stale,
    namespaces: scope.visible.map((n) => n.name).sort(),
  };
}
