import type { Pod } from 'kubernetes-types/core/v1';
import type { Ctx } from '@/lib/context';
import { cachedList } from '@/lib/cluster/adapter/cache';
import { byNamespaceAndName, countRows, inScope, matcher, rowOf } from './rows';
import type { PodList, PodQuery, PodRow } from './schema';
import { podScope } from './scope';

/** The pods of the scope that pass the filters (as the first rows the stream then keeps current). */
export async function scopedPods(ctx: Ctx, clusterName: string, q: PodQuery) {
  const scope = await podScope(ctx, clusterName, q.namespace);
  const view = await cachedList(scope.c, 'pods', scope.namespace);
  return { scope, view: { ...view, items: view.items as unknown as ReadonlyArray<Pod & { metadata: NonNullable<Pod['metadata']> }> } };
}

/**
 * The dashboard's list: every pod of the scope that passes the filters,
 * sorted by namespace and name, with the scope's counts. Served from the
 * adapter's watch-fed pod cache: a filter in memory, no cluster call. Not
 * paged: the table is virtualized and the stream updates rows in place.
 */
export async function listConsolePods(ctx: Ctx, clusterName: string, q: PodQuery): Promise<PodList> {
  const { scope, view } = await scopedPods(ctx, clusterName, q);
  const fits = matcher(q);
  const all: PodRow[] = [];
  const items: PodRow[] = [];
  for (const p of view.items) {
    if (!scope.shown.has(p.metadata.namespace ?? '') || !inScope(p, q)) continue;
    const row = rowOf(p);
    all.push(row);
    if (fits(p, row)) items.push(row);
  }
  items.sort(byNamespaceAndName);
  return {
    items, counts: countRows(all), resourceVersion: view.resourceVersion, stale: view.stale,
    namespaces: scope.visible.map((n) => n.name).sort(),
  };
}
