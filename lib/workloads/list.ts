import { cachedList, type CachedResource } from '@/lib/cluster/adapter/cache';
import { WORKLOAD_TYPES, type WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import type { WorkloadObject } from './bundle';
import { fullView, readNeighbours } from './read';
import { workloadScope } from './scope';

const CACHE_OF: Record<WorkloadType, CachedResource> = { Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets' };

/**
 * GET /workloads/?page=&page_size=&workload_type=: the current namespace's
 * workloads by kind (Deployments, StatefulSets, DaemonSets) then name, with
 * their status. Kubernetes lists have no offset: the workloads come from the
 * adapter's watch-fed caches (a filter in memory, no list call) and only the
 * requested page is turned into views.
 */
export async function listWorkloads(ctx: Ctx, q: { page: number; page_size: number; workload_type?: WorkloadType }) {
  const sc = await workloadScope(ctx, 'read');
  const types = q.workload_type ? [q.workload_type] : WORKLOAD_TYPES;
  const lists = await Promise.all(types.map((t) => cachedList(sc.c, CACHE_OF[t], sc.namespace)));
  // Names are DNS labels: code-unit order is their order, and far cheaper than localeCompare at thousands.
  const byName = (a: WorkloadObject, b: WorkloadObject) => (String(a.metadata?.name) < String(b.metadata?.name) ? -1 : 1);
  const all = lists.flatMap((l) => [...(l.items as unknown as WorkloadObject[])].sort(byName));
  const start = (q.page - 1) * q.page_size;
  const page = all.slice(start, start + q.page_size);
  const n = page.length ? await readNeighbours(sc) : { services: [], ingresses: [], hpas: [], claims: [] };
  return { workloads: page.map((o) => fullView(o, n)), total: all.length, page: q.page, page_size: q.page_size };
}
