import type { Event, Pod } from 'kubernetes-types/core/v1';
import { clientsFor, getObject, kube, listAll, noteWrite, type KubeObject } from '@/lib/cluster/adapter';
import { cachedList, cachedSorted, cachedSortedByKey } from '@/lib/cluster/adapter/cache';
import { clusterFor } from '@/lib/cluster/namespaces/current';
import { projectIndex, visibleNamespacesCached } from '@/lib/cluster/namespaces/scope';
import type { PodListQuery } from '@/lib/dialects/ecns/pods';
import type { PodStatus } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { auditWorkloads } from './audit';
import { containerFromKube } from './containers';
import { splitImage } from './images';
import { EVENT, POD } from './kinds';
import { requireWorkload } from './read';
import { workloadListScope } from './list-scope';
import { workloadScope } from './scope';
import { containerState, podState, podStatusOf } from './status';

/** One row of GET /pods/ (the seed's fields; restart_count is a string there). */
export interface PodRow {
  name: string;
  creation_time: string;
  pod_ip: string;
  host_ip: string;
  node_name: string;
  images: Array<{ image: string; image_version: string }>;
  labels: Record<string, string>;
  restart_count: string;
  status: string;
}

function rowOf(p: Pod): PodRow {
  const s = podStatusOf(p);
  return {
    name: s.name, creation_time: s.creation_time, pod_ip: s.pod_ip, host_ip: s.host_ip, node_name: s.node_name,
    images: (p.spec?.containers ?? []).map((c) => splitImage(c.image ?? '')),
    labels: { ...(p.metadata?.labels ?? {}) },
    restart_count: String(s.restart_count),
    status: s.status,
  };
}

type Req = { key: string; op: '=' | '!=' | 'exists' | '!exists'; value?: string };

function parseSelector(s: string): Req[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean).map((x): Req => {
    if (x.startsWith('!')) return { key: x.slice(1), op: '!exists' };
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(x);
    if (!m) return { key: x, op: 'exists' };
    return { key: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] };
  });
}

function matches(labels: Record<string, string>, reqs: Req[]): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    if (r.op === 'exists') return has;
    if (r.op === '!exists') return !has;
    if (r.op === '=') return labels[r.key] === r.value;
    return labels[r.key] !== r.value;
  });
}

function selectorReqs(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined) {
  return (labels: Record<string, string>) => Object.entries(sel?.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
    && (sel?.matchExpressions ?? []).every((e) => {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      if (e.operator === 'In') return has && (e.values ?? []).includes(labels[e.key]);
      if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(labels[e.key]);
      if (e.operator === 'Exists') return has;
      return !has;
    });
}

/** kubectl's STATUS word and the phase, lower case: the keys of the status index (a pod is under both, once if equal). */
const statusKeys = (p: Pod): string[] => [podState(p).toLowerCase(), (p.status?.phase ?? '').toLowerCase()];

/**
 * GET /pods/: the current namespace's pods, filtered and paged. Served from
 * the adapter's watch-fed pod cache (docs/clusters.md) through its indexes,
 * kept current by the watch: each namespace's pods sorted by name, and the
 * same split by status word (kubectl's STATUS and the phase). A status
 * filter reads its bucket, so a page with no other filter is a slice and
 * its total the bucket's size (O(page), not O(namespace)); other filters
 * walk the bucket (or the namespace) once, building only the page's rows.
 * A read sees what the watch has delivered.
 */
export async function listPods(ctx: Ctx, q: PodListQuery) {
  const sc = await workloadListScope(ctx);
  const tests: Array<(p: Pod) => boolean> = [];
  if (q.workload_type && q.workload_name) {
    const o = await requireWorkload(sc, q.workload_type, q.workload_name);
    const fits = selectorReqs(o.spec?.selector);
    tests.push((p) => fits(p.metadata?.labels ?? {}));
  }
  if (q.node_name) tests.push((p) => p.spec?.nodeName === q.node_name);
  if (q.label_selector) {
    const reqs = parseSelector(q.label_selector);
    tests.push((p) => matches(p.metadata?.labels ?? {}, reqs));
  }
  if (q.name) tests.push((p) => (p.metadata?.name ?? '').includes(q.name!));
  const candidates = q.status
    ? cachedSortedByKey<Pod & KubeObject>(sc.c, 'pods', 'ecns-status', statusKeys).then((v) => () => v.index.lookup(sc.namespace, q.status!.toLowerCase()))
    : cachedSorted<Pod & KubeObject>(sc.c, 'pods').then((v) => () => v.index.namespace(sc.namespace));
  // Read after the awaits: the index's arrays change as watch events arrive, so they are only walked synchronously.
  const sorted = (await candidates)();
  const start = (q.page - 1) * q.page_size;
  if (!tests.length) {
    return { pods: sorted.slice(start, start + q.page_size).map(rowOf), total: sorted.length, page: q.page, page_size: q.page_size };
  }
  const page: Pod[] = [];
  let total = 0;
  for (const p of sorted) {
    if (!tests.every((t) => t(p))) continue;
    if (total >= start && page.length < q.page_size) page.push(p);
    total++;
  }
  return { pods: page.map(rowOf), total, page: q.page, page_size: q.page_size };
}

/** GET /pods/pod/<name>/: the pod (containers, restart policy, labels, pod_status), its conditions and events. */
export async function podDetail(ctx: Ctx, name: string) {
  const sc = await workloadScope(ctx, 'read');
  let p: Pod;
  try {
    p = (await getObject(sc.c, POD, name, sc.namespace)) as Pod;
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound('pod', `pod "${name}" not found in namespace "${sc.namespace}"`);
    throw err;
  }
  const level = { hostPID: p.spec?.hostPID, hostIPC: p.spec?.hostIPC, imagePullSecrets: p.spec?.imagePullSecrets };
  const containers = [
    ...(p.spec?.initContainers ?? []).map((c) => containerFromKube(c, 'init', level, undefined)),
    ...(p.spec?.containers ?? []).map((c) => containerFromKube(c, 'worker', level, undefined)),
  ].map((c) => {
    const state = containerState([p], c.name);
    return state ? { ...c, container_statuses: state } : c;
  });
  const events = ((await listAll(sc.c, EVENT, { namespace: sc.namespace, fieldSelector: `involvedObject.name=${name}` })).items as unknown as Event[])
    .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name)
    .map((e) => ({
      type: e.type ?? 'Normal', ...(e.reason ? { reason: e.reason } : {}), ...(e.message ? { message: e.message } : {}),
      update_time: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '',
    }))
    .sort((a, b) => b.update_time.localeCompare(a.update_time));
  return {
    pod: { name, containers, restart_policy: p.spec?.restartPolicy ?? 'Always', labels: { ...(p.metadata?.labels ?? {}) }, pod_status: podStatusOf(p) },
    conditions: (p.status?.conditions ?? []).map((c) => ({
      status: c.status, type: c.type, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}),
      update_time: c.lastTransitionTime ?? c.lastProbeTime ?? '',
    })),
    events,
  };
}

/** DELETE /pods/?force=: one pod; force deletes at once (grace period 0), as `kubectl delete --force --grace-period=0`. */
export async function deletePod(ctx: Ctx, name: string, force: boolean): Promise<void> {
  const sc = await workloadScope(ctx, 'write');
  await kube(async () => {
    const { path } = await sc.c.objects.pathOf(POD.apiVersion, POD.kind, sc.namespace, name);
    return sc.c.objects.send('DELETE', path, { body: { apiVersion: 'v1', kind: 'DeleteOptions', ...(force ? { gracePeriodSeconds: 0 } : {}) } });
  }).catch((err) => {
    if (err instanceof NotFound) throw new NotFound('pod', `pod "${name}" not found in namespace "${sc.namespace}"`);
    throw err;
  });
  noteWrite(sc.c, POD, name, sc.namespace, undefined, true);
  await auditWorkloads(sc, force ? 'force-delete' : 'delete', [{ type: 'Pod', name }]).catch(() => undefined);
}

/** The three groups of the overview: Running, Failed, and everything else (Pending, Succeeded, Unknown, Terminating). */
export function podGroups(pods: readonly Pod[]) {
  const running: PodStatus[] = [];
  const failed: PodStatus[] = [];
  const other: PodStatus[] = [];
  for (const p of pods) {
    const s = podStatusOf(p);
    const phase = p.status?.phase;
    if (p.metadata?.deletionTimestamp) other.push(s);
    else if (phase === 'Failed' || (phase !== 'Succeeded' && s.status !== phase && s.status !== 'Running')) failed.push(s);
    else if (phase === 'Running') running.push(s);
    else other.push(s);
  }
  return { running: [{ count: running.length, pods: running }], failed: [{ count: failed.length, pods: failed }], other: [{ count: other.length, pods: other }] };
}

/**
 * GET /overview/pods_status/?apiserver_host=: the pods of every namespace
 * the caller may see in the cluster (the current one unless named), grouped.
 * A pod waiting with an error reason (ImagePullBackOff, CrashLoopBackOff) counts as failed.
 */
export async function podsOverview(ctx: Ctx, apiserverHost?: string) {
  const cluster = await clusterFor(ctx, { addr: apiserverHost });
  const [idx, c] = await Promise.all([projectIndex(ctx), clientsFor(ctx.db, cluster, ctx.clock.now())]);
  const namespaces = await visibleNamespacesCached(ctx, c, cluster, idx);
  const names = new Set(namespaces.map((n) => n.name));
  const pods = ((await cachedList(c, 'pods')).items as unknown as readonly Pod[]).filter((p) => names.has(p.metadata?.namespace ?? ''));
  return podGroups(pods);
}
