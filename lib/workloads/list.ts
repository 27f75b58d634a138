import { cachedSorted, type CachedResource } from '@/lib/cluster/adapter/cache';
import { WORKLOAD_TYPES, type WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import type { WorkloadObject } from './bundle';
import { indexedNeighbours } from './list-index';
import { fullView } from './read';
import { workloadListScope } from './list-scope';

const CACHE_OF: Record<WorkloadType, CachedResource> = { Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets' };

/**
 * GET /workloads/?page=&page_size=&workload_type=: the current namespace's
 * workloads by kind (Deployments, StatefulSets, DaemonSets) then name, with
 * their status. Kubernetes lists have no offset: the workloads come from the
 * adapter's watch-fed caches through their per-namespace name-sorted index
 * (a page is a slice), and each workload of the page finds its Services,
 * Ingresses, HPA and claims by index (list-index.ts), so a page costs
 * O(page), not O(namespace).
 */
export async function listWorkloads(ctx: Ctx, q: { page: number; page_size: number; workload_type?: WorkloadType }) {
  const sc = await workloadListScope(ctx);
  const types = q.workload_type ? [q.workload_type] : WORKLOAD_TYPES;
  const indexes = await Promise.all(types.map((t) => cachedSorted(sc.c, CACHE_OF[t])));
  // Synchronously from here to the page: the sorted arrays change as watch events arrive.
  const lists = indexes.map((i) => i.index.namespace(sc.namespace) as unknown as readonly WorkloadObject[]);
  const total = lists.reduce((n, l) => n + l.length, 0);
  let skip = (q.page - 1) * q.page_size;
  const page: WorkloadObject[] = [];
  for (const l of lists) {
    if (skip >= l.length) {
      skip -= l.length;
      continue;
    }
    page.push(...l.slice(skip, skip + q.page_size - page.length));
    skip = 0;
    if (page.length >= q.page_size) break;
  }
  const neighboursOf = page.length ? await indexedNeighbours(sc) : null;
  return { workloads: page.map((o) => fullView(o, neighboursOf!(o))), total, page: q.page, page_size: q.page_size };
}
