/**
 * The scheduler's arithmetic, pure: which nodes a pod fits (the filter
 * plugins of the default profile, in their order), how they score, and the
 * FitError message when none fits, worded as kube-scheduler words it.
 */
import { metaOf, type K8sObject } from '../objects';
import { matchesSelector, nodeSelectorTermMatches, untoleratedTaint, type Taint, type Toleration } from './match';
import { isActivePod, specOf, statusOf } from './pods';
import { addResources, noResources, resourcesOf, type Resources } from './quantity';

export interface NodeView {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  allocatable: Resources;
  /** Sum of requests of the active pods bound to it; `pods` is their count. */
  requested: Resources;
  /** Active pods bound to it (for pod affinity). */
  pods: Iterable<K8sObject>;
  /** How many of those pods each controller (by uid) has here (for spreading). */
  owners: ReadonlyMap<string, number>;
}

/** What a node itself says about scheduling (labels, taints, allocatable), without its pods. */
export type NodeShape = Omit<NodeView, 'requested' | 'pods' | 'owners'>;

export function nodeShape(node: K8sObject): NodeShape {
  const m = metaOf(node);
  const spec = specOf(node);
  return {
    name: m.name!,
    labels: m.labels ?? {},
    taints: Array.isArray(spec.taints) ? (spec.taints as Taint[]) : [],
    unschedulable: spec.unschedulable === true,
    allocatable: resourcesOf(statusOf(node).allocatable),
  };
}

/** The uid of the pod's controller (ownerReference with controller: true), if any. */
export function controllerUid(pod: K8sObject): string | undefined {
  return (metaOf(pod).ownerReferences ?? []).find((r) => r.controller)?.uid;
}

/**
 * The pods of one node as the scheduler counts them, kept by adding and
 * removing one pod at a time: a binding or a pod's change costs O(1), not
 * a walk over every pod on the node.
 */
export class NodePods {
  readonly requested: Resources = noResources();
  readonly pods = new Map<string, K8sObject>();
  readonly owners = new Map<string, number>();
  private readonly counted = new Map<string, { req: Resources; owner: string | undefined }>();

  /** Sets what pod `key` counts for here: its requests while active, nothing once gone or finished. */
  set(key: string, pod: K8sObject | undefined): void {
    const was = this.counted.get(key);
    if (was) {
      addInto(this.requested, was.req, -1);
      this.requested.pods -= 1;
      if (was.owner !== undefined) {
        const n = (this.owners.get(was.owner) ?? 0) - 1;
        if (n > 0) this.owners.set(was.owner, n);
        else this.owners.delete(was.owner);
      }
      this.counted.delete(key);
      this.pods.delete(key);
    }
    if (!pod || !isActivePod(pod)) return;
    const req = podRequests(pod);
    const owner = controllerUid(pod);
    addInto(this.requested, req, 1);
    this.requested.pods += 1;
    if (owner !== undefined) this.owners.set(owner, (this.owners.get(owner) ?? 0) + 1);
    this.counted.set(key, { req, owner });
    this.pods.set(key, pod);
  }
}

function addInto(into: Resources, r: Resources, sign: 1 | -1): void {
  into.cpu += sign * r.cpu;
  into.memory += sign * r.memory;
  for (const [k, v] of Object.entries(r.other)) {
    const n = (into.other[k] ?? 0) + sign * v;
    if (n === 0) delete into.other[k];
    else into.other[k] = n;
  }
}

/** A node's view from its pods, built at once (tests; the scheduler keeps NodePods up to date instead). */
export function nodeView(node: K8sObject, pods: K8sObject[]): NodeView {
  const tally = new NodePods();
  pods.forEach((p, i) => tally.set(`${metaOf(p).namespace}/${metaOf(p).name ?? i}`, p));
  return { ...nodeShape(node), requested: tally.requested, pods: [...tally.pods.values()], owners: tally.owners };
}

interface Container {
  name?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** Requests of a container: limits stand in for missing requests, as the apiserver defaults them. */
function containerRequests(c: Container): Resources {
  return resourcesOf({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });
}

/** What a pod asks of a node: the sum over containers, or the largest init container if larger. */
export function podRequests(pod: K8sObject): Resources {
  const spec = specOf(pod);
  let sum = noResources();
  for (const c of (spec.containers as Container[] | undefined) ?? []) sum = addResources(sum, containerRequests(c));
  for (const c of (spec.initContainers as Container[] | undefined) ?? []) {
    const r = containerRequests(c);
    sum = { ...sum, cpu: Math.max(sum.cpu, r.cpu), memory: Math.max(sum.memory, r.memory) };
  }
  return sum;
}

/** Reasons a node is "UnschedulableAndUnresolvable": preemption cannot help. */
const UNRESOLVABLE = [/^node\(s\) had untolerated taint/, /^node\(s\) didn't match Pod's node affinity\/selector/, /^node\(s\) were unschedulable/,
  /^node\(s\) didn't match pod affinity rules/];

export function isUnresolvable(reason: string): boolean {
  return UNRESOLVABLE.some((r) => r.test(reason));
}

function tolerationsOf(pod: K8sObject): Toleration[] {
  const t = specOf(pod).tolerations;
  return Array.isArray(t) ? (t as Toleration[]) : [];
}

interface AffinityTerm {
  labelSelector?: unknown;
  namespaces?: string[];
  namespaceSelector?: unknown;
  topologyKey: string;
}

function affinityOf(pod: K8sObject): Record<string, Record<string, unknown> | undefined> {
  const a = specOf(pod).affinity;
  return (a && typeof a === 'object' ? a : {}) as Record<string, Record<string, unknown> | undefined>;
}

function requiredTerms(pod: K8sObject, which: 'podAffinity' | 'podAntiAffinity'): AffinityTerm[] {
  const t = affinityOf(pod)[which]?.requiredDuringSchedulingIgnoredDuringExecution;
  return Array.isArray(t) ? (t as AffinityTerm[]) : [];
}

function termMatchesPod(term: AffinityTerm, owner: K8sObject, other: K8sObject): boolean {
  const ns = term.namespaces?.length ? term.namespaces : [metaOf(owner).namespace];
  // An empty namespaceSelector ({}) means every namespace.
  const allNs = term.namespaceSelector !== undefined && typeof term.namespaceSelector === 'object' && term.namespaceSelector !== null
    && Object.keys(term.namespaceSelector).length === 0;
  if (!allNs && !ns.includes(metaOf(other).namespace)) return false;
  return matchesSelector(term.labelSelector ?? {}, metaOf(other).labels);
}

/** Topology values (per term) of nodes that run pods matching the term. */
function occupiedTopologies(term: AffinityTerm, pod: K8sObject, nodes: NodeView[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    const v = n.labels[term.topologyKey];
    if (v === undefined) continue;
    for (const p of n.pods) {
      if (metaOf(p).uid !== metaOf(pod).uid && termMatchesPod(term, pod, p)) {
        out.add(v);
        break;
      }
    }
  }
  return out;
}

/** Precomputed per scheduling attempt: where the pod's required (anti-)affinity terms are satisfied. */
export interface AffinityContext {
  affinity: Array<{ term: AffinityTerm; occupied: Set<string> }>;
  anti: Array<{ term: AffinityTerm; occupied: Set<string> }>;
  /** No pod anywhere matches the affinity terms, but the pod matches them itself: the first of a group may go anywhere. */
  selfAffinityAllowed: boolean;
}

export function affinityContext(pod: K8sObject, nodes: NodeView[]): AffinityContext {
  const affinity = requiredTerms(pod, 'podAffinity').map((term) => ({ term, occupied: occupiedTopologies(term, pod, nodes) }));
  const anti = requiredTerms(pod, 'podAntiAffinity').map((term) => ({ term, occupied: occupiedTopologies(term, pod, nodes) }));
  const selfAffinityAllowed = affinity.length > 0 && affinity.every((a) => a.occupied.size === 0)
    && affinity.every((a) => termMatchesPod(a.term, pod, pod));
  return { affinity, anti, selfAffinityAllowed };
}

/**
 * Why `node` cannot take `pod`, as the filter plugins say it; [] when it fits.
 * Plugins run in the default profile's order and the first that fails decides
 * (NodeResourcesFit may give several reasons).
 */
export function filterReasons(pod: K8sObject, node: NodeView, ctx: AffinityContext): string[] {
  const tolerations = tolerationsOf(pod);
  if (node.unschedulable && !tolerations.some((t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists'))
    && (!t.effect || t.effect === 'NoSchedule'))) {
    return ['node(s) were unschedulable'];
  }
  const spec = specOf(pod);
  if (typeof spec.nodeName === 'string' && spec.nodeName && spec.nodeName !== node.name) return ["node(s) didn't match the requested node name"];
  const taint = untoleratedTaint(node.taints, tolerations, ['NoSchedule', 'NoExecute']);
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  if (!nodeAffinityMatches(pod, node)) return ["node(s) didn't match Pod's node affinity/selector"];
  const want = podRequests(pod);
  const reasons: string[] = [];
  if (node.requested.pods + 1 > (node.allocatable.pods || 110)) reasons.push('Too many pods');
  if (want.cpu > 0 && node.requested.cpu + want.cpu > node.allocatable.cpu) reasons.push('Insufficient cpu');
  if (want.memory > 0 && node.requested.memory + want.memory > node.allocatable.memory) reasons.push('Insufficient memory');
  for (const [k, v] of Object.entries(want.other)) {
    if (v > 0 && (node.requested.other[k] ?? 0) + v > (node.allocatable.other[k] ?? 0)) reasons.push(`Insufficient ${k}`);
  }
  if (reasons.length) return reasons;
  if (!ctx.selfAffinityAllowed) {
    for (const a of ctx.affinity) {
      const v = node.labels[a.term.topologyKey];
      if (v === undefined || !a.occupied.has(v)) return ["node(s) didn't match pod affinity rules"];
    }
  }
  for (const a of ctx.anti) {
    const v = node.labels[a.term.topologyKey];
    if (v !== undefined && a.occupied.has(v)) return ["node(s) didn't match pod anti-affinity rules"];
  }
  return [];
}

export function nodeAffinityMatches(pod: K8sObject, node: { name: string; labels: Record<string, string> }): boolean {
  const sel = specOf(pod).nodeSelector;
  if (sel && typeof sel === 'object') {
    for (const [k, v] of Object.entries(sel as Record<string, string>)) if (node.labels[k] !== v) return false;
  }
  const required = affinityOf(pod).nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution as { nodeSelectorTerms?: unknown[] } | undefined;
  if (required && Array.isArray(required.nodeSelectorTerms)) {
    // Terms are ORed; an empty list matches nothing.
    if (!required.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node.name, node.labels))) return false;
  }
  return true;
}

function preferredNodeAffinity(pod: K8sObject, node: NodeView): number {
  const pref = affinityOf(pod).nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (!Array.isArray(pref)) return 0;
  let sum = 0;
  for (const p of pref as Array<{ weight?: number; preference?: unknown }>) {
    if (nodeSelectorTermMatches(p.preference, node.name, node.labels)) sum += p.weight ?? 0;
  }
  return sum;
}

const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

/** LeastAllocated, with the scheduler's non-zero defaults for pods that request nothing: 0..100. */
function leastAllocated(pod: K8sObject, node: NodeView): number {
  const want = podRequests(pod);
  const cpu = want.cpu || DEFAULT_MILLI_CPU;
  const mem = want.memory || DEFAULT_MEMORY;
  const free = (alloc: number, used: number) => (alloc > 0 ? Math.max(0, (alloc - used) / alloc) : 0);
  return ((free(node.allocatable.cpu, node.requested.cpu + cpu) + free(node.allocatable.memory, node.requested.memory + mem)) / 2) * 100;
}

/**
 * Scores feasible nodes as the default plugins weigh them: node affinity
 * preferences (weight 2), spreading a controller's pods over nodes (weight 2),
 * least allocated (weight 1). Ties go to the node with fewer pods, then by name.
 */
export function pickNode(pod: K8sObject, feasible: NodeView[]): NodeView | undefined {
  if (!feasible.length) return undefined;
  const pref = feasible.map((n) => preferredNodeAffinity(pod, n));
  const maxPref = Math.max(...pref);
  const owner = controllerUid(pod);
  const siblings = feasible.map((n) => (owner === undefined ? 0 : n.owners.get(owner) ?? 0));
  const maxSib = Math.max(...siblings);
  let best: NodeView | undefined;
  let bestScore = -Infinity;
  feasible.forEach((n, i) => {
    const score = 2 * (maxPref > 0 ? (100 * pref[i]) / maxPref : 0)
      + 2 * (maxSib > 0 ? (100 * (maxSib - siblings[i])) / maxSib : 100)
      + leastAllocated(pod, n);
    const better = score > bestScore + 1e-9
      || (Math.abs(score - bestScore) <= 1e-9 && best && (n.requested.pods < best.requested.pods || (n.requested.pods === best.requested.pods && n.name < best.name)));
    if (better) {
      best = n;
      bestScore = score;
    }
  });
  return best;
}

/** "2 a, 3 b" as the scheduler sorts it: by the whole "count reason" string. */
function histogram(counts: Map<string, number>): string {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

/**
 * The FitError message: "0/5 nodes are available: 2 node(s) had untolerated
 * taint {node-role.kubernetes.io/edge: }, 3 Insufficient cpu. preemption: 0/5
 * nodes are available: 2 Preemption is not helpful for scheduling, 3 No
 * preemption victims found for incoming pod." (every pod here has the same
 * priority, so preemption never finds victims).
 */
export function fitErrorMessage(total: number, reasonsByNode: string[][]): string {
  const counts = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const reasons of reasonsByNode) {
    for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const p = reasons.some(isUnresolvable) ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod';
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  if (total === 0) return 'no nodes available to schedule pods';
  return `0/${total} nodes are available: ${histogram(counts)}. preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}
