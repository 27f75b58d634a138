import type { Pod } from 'kubernetes-types/core/v1';
import { podState } from '@/lib/workloads/status';
import type { PodCounts, PodGroup, PodQuery, PodRow } from './schema';
export { byNamespaceAndName } from './apply';
import { labelPredicate } from './selector';

/**
 * Running, failed or other, as the ECNS overview groups them
 * (lib/workloads/pods.ts podGroups): a pod waiting with an error reason
 * (ImagePullBackOff, CrashLoopBackOff) is failed; Terminating is other.
 */
export function groupOf(p: Pod, status = podState(p)): PodGroup {
  const phase = p.status?.phase;
  if (p.metadata?.deletionTimestamp) return 'other';
  if (phase === 'Failed' || (phase !== 'Succeeded' && status !== phase && status !== 'Running')) return 'failed';
  return phase === 'Running' ? 'running' : 'other';
}

/** The controlling owner as "Kind/name"; a ReplicaSet made by a Deployment reads as that Deployment. */
export function workloadOf(p: Pod): string {
  const owner = p.metadata?.ownerReferences?.find((o) => o.controller) ?? p.metadata?.ownerReferences?.[0];
  if (!owner) return '';
  const hash = p.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return `Deployment/${owner.name.slice(0, -hash.length - 1)}`;
  return `${owner.kind}/${owner.name}`;
}

export function rowOf(p: Pod): PodRow {
  const status = podState(p);
  const statuses = p.status?.containerStatuses ?? [];
  const containers = p.spec?.containers ?? [];
  return {
    uid: p.metadata?.uid ?? `${p.metadata?.namespace}/${p.metadata?.name}`,
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    status,
    group: groupOf(p, status),
    ready: `${statuses.filter((s) => s.ready).length}/${containers.length}`,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    node: p.spec?.nodeName ?? '',
    podIP: p.status?.podIP ?? '',
    images: containers.map((c) => c.image ?? ''),
    created: p.metadata?.creationTimestamp ?? '',
    workload: workloadOf(p),
    resourceVersion: p.metadata?.resourceVersion ?? '',
  };
}

const rows = new WeakMap<Pod, PodRow>();

/**
 * rowOf for the cache's pods: the adapter's cache holds one object per
 * version of a pod (cachedSorted), so a row is built once per change, not
 * once per request. Only for those objects: rows are shared, read only.
 */
export function rowOfCached(p: Pod): PodRow {
  let r = rows.get(p);
  if (!r) rows.set(p, (r = rowOf(p)));
  return r;
}

export function countRows(rows: Iterable<{ group: PodGroup }>): PodCounts {
  const c: PodCounts = { running: 0, failed: 0, other: 0, total: 0 };
  for (const r of rows) {
    c[r.group]++;
    c.total++;
  }
  return c;
}

/** The node part of the scope: the other filters of a query are `matcher`'s. */
export function inScope(p: Pod, q: Pick<PodQuery, 'node'>): boolean {
  return !q.node || p.spec?.nodeName === q.node;
}

/**
 * The dashboard's filters as one predicate over a pod and its row. `workload`
 * is "Kind/name" or a bare name (any kind); `status` is kubectl's STATUS word
 * or the phase, either case; `q` looks in the name, pod IP, node and images.
 */
export function matcher(q: PodQuery): (p: Pod, row: PodRow) => boolean {
  const labels = q.label ? labelPredicate(q.label) : null;
  const status = q.status?.toLowerCase();
  const text = q.q?.toLowerCase();
  const workload = q.workload;
  return (p, row) => {
    if (q.group && row.group !== q.group) return false;
    if (status && row.status.toLowerCase() !== status && (p.status?.phase ?? '').toLowerCase() !== status) return false;
    if (workload && row.workload !== workload && row.workload.slice(row.workload.indexOf('/') + 1) !== workload) return false;
    if (labels && !labels(p.metadata?.labels ?? {})) return false;
    if (text && !row.name.toLowerCase().includes(text) && !row.podIP.includes(text) && !row.node.toLowerCase().includes(text)
      && !row.images.some((i) => i.toLowerCase().includes(text))) return false;
    return true;
  };
}
