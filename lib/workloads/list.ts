import { listAll } from '@/lib/cluster/adapter';
import { WORKLOAD_TYPES, type WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import type { WorkloadObject } from './bundle';
import { WORKLOAD_REF } from './kinds';
import { fullView, readNeighbours } from './read';
import { workloadScope } from './scope';

/**
 * GET /workloads/?page=&page_size=&workload_type=: the current namespace's
 * workloads by kind (Deployments, StatefulSets, DaemonSets) then name, with
 * their status. Kubernetes lists have no offset: the names are listed (in
 * pages of 500) and only the requested page is turned into views.
 */
export async function listWorkloads(ctx: Ctx, q: { page: number; page_size: number; workload_type?: WorkloadType }) {
  const sc = await workloadScope(ctx, 'read');
  const types = q.workload_type ? [q.workload_type] : WORKLOAD_TYPES;
  const lists = await Promise.all(types.map((t) => listAll(sc.c, WORKLOAD_REF[t], { namespace: sc.namespace })));
  const all = lists.flatMap((l, i) => (l.items as WorkloadObject[])
    .map((o) => ({ ...o, kind: types[i] }) as WorkloadObject)
    .sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name))));
  const start = (q.page - 1) * q.page_size;
  const page = all.slice(start, start + q.page_size);
  const n = page.length ? await readNeighbours(sc) : { services: [], ingresses: [], hpas: [], claims: [] };
  return { workloads: page.map((o) => fullView(o, n)), total: all.length, page: q.page, page_size: q.page_size };
}
