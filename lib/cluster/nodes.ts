import type { Ctx } from '@/lib/context';
import { Conflict, NotFound } from '@/lib/errors';
import { mutate, recordAudit } from '@/lib/audit/record';
import { visibleProjectsFilter } from '@/lib/org/scope';
import { projects } from '@/db/schema';
import { PROJECT_LABEL } from '@/lib/cluster/namespaces/labels';
import { clientsFor } from './adapter/connect';
import { cachedList } from './adapter/cache';
import { getObject, listAll, mergePatch, type KubeObject } from './adapter/objects';
import { parseQuantity } from './quantity';
import { assertManages, requireCluster } from './registry/scope';

type Condition = { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string };
type Taint = { key: string; value?: string; effect: string };
type Container = { resources?: { requests?: Record<string, string> } };

interface NodeObject extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: Condition[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: Record<string, string>;
  };
}

interface PodObject extends KubeObject {
  spec?: { nodeName?: string; containers?: Container[]; initContainers?: Container[] };
  status?: { phase?: string; podIP?: string; containerStatuses?: { ready?: boolean; restartCount?: number }[] };
}

export interface Resources {
  cpu: number;
  memory: number;
  pods: number;
}

export interface NodeSummary {
  name: string;
  ready: 'True' | 'False' | 'Unknown';
  roles: string[];
  version: string;
  unschedulable: boolean;
  capacity: Resources;
  allocatable: Resources;
  /** Sum of the requests of the pods bound here that have not finished (cores, bytes). */
  requested: { cpu: number; memory: number };
  podCount: number;
  labels: Record<string, string>;
  taints: Taint[];
  createdAt: string;
}

export interface NodePod {
  namespace: string;
  name: string;
  phase: string;
  ready: string;
  restarts: number;
  podIP: string;
  createdAt: string;
}

export interface NodeEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  lastTimestamp: string;
  source: string;
}

export interface NodeDetail extends NodeSummary {
  conditions: Condition[];
  addresses: { type: string; address: string }[];
  nodeInfo: Record<string, string>;
  pods: NodePod[];
  /** False when some pods on the node are in namespaces the caller may not see (they count, but are not listed). */
  podsComplete: boolean;
  events: NodeEvent[];
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const finished = (p: PodObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function resources(r: Record<string, string> | undefined): Resources {
  return { cpu: parseQuantity(r?.cpu), memory: parseQuantity(r?.memory), pods: parseQuantity(r?.pods) };
}

/** A pod's effective request: the sum over containers, or the largest init container if that is more (the scheduler's rule). */
function podRequests(p: PodObject): { cpu: number; memory: number } {
  const sum = (cs: Container[] | undefined, k: string) => (cs ?? []).reduce((a, c) => a + parseQuantity(c.resources?.requests?.[k]), 0);
  const max = (cs: Container[] | undefined, k: string) => Math.max(0, ...(cs ?? []).map((c) => parseQuantity(c.resources?.requests?.[k])));
  return {
    cpu: Math.max(sum(p.spec?.containers, 'cpu'), max(p.spec?.initContainers, 'cpu')),
    memory: Math.max(sum(p.spec?.containers, 'memory'), max(p.spec?.initContainers, 'memory')),
  };
}

function summarize(n: NodeObject, pods: PodObject[]): NodeSummary {
  const labels = n.metadata?.labels ?? {};
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const running = pods.filter((p) => !finished(p));
  const requested = running.map(podRequests).reduce((a, r) => ({ cpu: a.cpu + r.cpu, memory: a.memory + r.memory }), { cpu: 0, memory: 0 });
  return {
    name: n.metadata?.name ?? '',
    ready: ready === 'True' || ready === 'False' ? ready : 'Unknown',
    roles: Object.keys(labels).filter((k) => k.startsWith(ROLE_PREFIX)).map((k) => k.slice(ROLE_PREFIX.length)).filter(Boolean).sort(),
    version: n.status?.nodeInfo?.kubeletVersion ?? '',
    unschedulable: n.spec?.unschedulable === true,
    capacity: resources(n.status?.capacity),
    allocatable: resources(n.status?.allocatable),
    requested,
    podCount: running.length,
    labels,
    taints: n.spec?.taints ?? [],
    createdAt: n.metadata?.creationTimestamp ?? '',
  };
}

function byNode(pods: readonly PodObject[]): Map<string, PodObject[]> {
  const m = new Map<string, PodObject[]>();
  for (const p of pods) {
    const node = p.spec?.nodeName;
    if (!node) continue;
    if (!m.has(node)) m.set(node, []);
    m.get(node)!.push(p);
  }
  return m;
}

/** A cluster's nodes with their load, from the watch-fed node and pod caches. */
export async function listNodes(ctx: Ctx, clusterName: string): Promise<{ items: NodeSummary[]; stale: boolean }> {
  const row = await requireCluster(ctx, clusterName);
  const c = await clientsFor(ctx.db, row, ctx.clock.now());
  const [nodes, pods] = await Promise.all([cachedList<NodeObject>(c, 'nodes'), cachedList<PodObject>(c, 'pods')]);
  const grouped = byNode(pods.items);
  const items = nodes.items.map((n) => summarize(n, grouped.get(n.metadata?.name ?? '') ?? [])).sort((a, b) => a.name.localeCompare(b.name));
  return { items, stale: nodes.stale || pods.stale };
}

/** Namespaces whose pods the caller may see listed by name: those of projects they see (system admins: all). */
async function visibleNamespaces(ctx: Ctx, c: Awaited<ReturnType<typeof clientsFor>>): Promise<((ns: string) => boolean)> {
  if (ctx.user.role === 'system_admin' && !ctx.user.scopeProjectId) return () => true;
  const filter = visibleProjectsFilter(ctx);
  const mine = new Set((await ctx.db.select({ id: projects.id }).from(projects).where(filter)).map((p) => p.id));
  const namespaces = await cachedList(c, 'namespaces');
  const allowed = new Set(namespaces.items.filter((n) => mine.has(n.metadata?.labels?.[PROJECT_LABEL] ?? '')).map((n) => n.metadata!.name!));
  return (ns) => allowed.has(ns);
}

export async function getNode(ctx: Ctx, clusterName: string, nodeName: string): Promise<NodeDetail> {
  const row = await requireCluster(ctx, clusterName);
  const c = await clientsFor(ctx.db, row, ctx.clock.now());
  const [nodes, pods] = await Promise.all([cachedList<NodeObject>(c, 'nodes'), cachedList<PodObject>(c, 'pods')]);
  const node = nodes.items.find((n) => n.metadata?.name === nodeName);
  if (!node) throw new NotFound(`node ${nodeName}`, `node "${nodeName}" not found`);
  const here = byNode(pods.items).get(nodeName) ?? [];
  const mayList = await visibleNamespaces(ctx, c);
  const listed = here.filter((p) => mayList(p.metadata?.namespace ?? ''));
  const events = await listAll<KubeObject>(c, { apiVersion: 'v1', kind: 'Event' }, { fieldSelector: `involvedObject.kind=Node,involvedObject.name=${nodeName}` });
  return {
    ...summarize(node, here),
    conditions: node.status?.conditions ?? [],
    addresses: node.status?.addresses ?? [],
    nodeInfo: node.status?.nodeInfo ?? {},
    pods: listed
      .map((p) => {
        const cs = p.status?.containerStatuses ?? [];
        return {
          namespace: p.metadata?.namespace ?? '',
          name: p.metadata?.name ?? '',
          phase: p.status?.phase ?? 'Unknown',
          ready: `${cs.filter((s) => s.ready).length}/${p.spec?.containers?.length ?? cs.length}`,
          restarts: cs.reduce((a, s) => a + (s.restartCount ?? 0), 0),
          podIP: p.status?.podIP ?? '',
          createdAt: p.metadata?.creationTimestamp ?? '',
        };
      })
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    podsComplete: listed.length === here.length,
    events: events.items
      .map((e) => ({
        type: String(e.type ?? ''),
        reason: String(e.reason ?? ''),
        message: String(e.message ?? ''),
        count: Number(e.count ?? 1),
        lastTimestamp: String(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? ''),
        source: String((e.source as { component?: string } | undefined)?.component ?? e.reportingComponent ?? ''),
      }))
      .sort((a, b) => b.lastTimestamp.localeCompare(a.lastTimestamp)),
  };
}

/**
 * Marks a simulated cluster's node Ready or NotReady, as a failing kubelet
 * would: the Ready condition in the node's status, written through the
 * adapter with the node's resourceVersion (a concurrent heartbeat makes it a
 * Conflict, and the caller retries). The simulated node lifecycle controller
 * reacts to the condition (taints, evictions). Real clusters are refused:
 * their kubelets own that condition.
 */
export async function markNodeReady(ctx: Ctx, clusterName: string, nodeName: string, ready: boolean): Promise<{ name: string; ready: 'True' | 'False' }> {
  const row = await requireCluster(ctx, clusterName);
  assertManages(ctx.user, row.departmentId);
  if (row.driver !== 'simulated') throw new Conflict(`node readiness can only be set on simulated clusters; "${clusterName}" is a real cluster`);
  const c = await clientsFor(ctx.db, row, ctx.clock.now());
  const NODE = { apiVersion: 'v1', kind: 'Node' };
  const node = await getObject<NodeObject>(c, NODE, nodeName);
  const now = ctx.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const status = ready ? 'True' : 'False';
  const conditions = [...(node.status?.conditions ?? [])];
  const i = conditions.findIndex((x) => x.type === 'Ready');
  const before = i >= 0 ? conditions[i] : undefined;
  const next: Condition = {
    type: 'Ready',
    status,
    reason: ready ? 'KubeletReady' : 'KubeletNotReady',
    message: ready ? 'kubelet is posting ready status' : `marked NotReady by ${ctx.user.name} in Pier`,
    lastHeartbeatTime: now,
    lastTransitionTime: before?.status === status ? before.lastTransitionTime ?? now : now,
  };
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  // The audit row is written only once the cluster accepted the change; a Pier DB transaction cannot span the cluster's write.
  await mergePatch<NodeObject>(c, NODE, nodeName, undefined, { metadata: { resourceVersion: node.metadata?.resourceVersion }, status: { conditions } }, { subresource: 'status' });
  await mutate(ctx, (tx) => recordAudit(ctx, tx, {
    action: ready ? 'node_ready' : 'node_not_ready', resourceType: 'node', resourceId: `${row.name}/${nodeName}`, resourceName: nodeName,
    departmentId: row.departmentId, before: { ready: before?.status ?? 'Unknown' }, after: { ready: status },
  }));
  return { name: nodeName, ready: status };
}
