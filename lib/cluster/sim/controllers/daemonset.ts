import { findKind, NODES, PODS } from '../kinds';
import { isPlainObject, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { K8sError } from '../status';
import { controllerOf, keyOf, nodeNameOf, splitKey, type ObservedChange } from './cache';
import { untoleratedTaint, type Taint, type Toleration } from './match';
import { intOr, isPodAvailable, isPodReady, phaseOf, readySince, specOf, statusOf } from './pods';
import { nodeAffinityMatches } from './scheduling';
import { ensureRevision, REVISION_LABEL, revisionsOf, revisionTemplate, trimHistory } from './statefulset-revisions';
import { podFromTemplate } from './template';
import type { Controller, ControllerContext, Requeue } from './types';

export const DAEMONSETS = findKind('apps', 'v1', 'daemonsets')!;

const SOURCE = { component: 'daemonset-controller' };

/** The tolerations the DaemonSet controller adds to every daemon pod, so daemons stay on troubled nodes. */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function withDaemonTolerations(list: unknown, hostNetwork: boolean): Toleration[] {
  const have = Array.isArray(list) ? (list.filter(isPlainObject) as Toleration[]) : [];
  const extra = hostNetwork ? [...DAEMON_TOLERATIONS, { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' } as Toleration] : DAEMON_TOLERATIONS;
  const out = [...have];
  for (const t of extra) if (!have.some((h) => h.key === t.key && h.effect === t.effect && h.operator === t.operator)) out.push(t);
  return out;
}

/** The template's pod spec with the daemon tolerations, as the pods will have it. */
function daemonPodSpec(template: unknown): Record<string, unknown> {
  const t = isPlainObject(template) && isPlainObject(template.spec) ? template.spec : {};
  return { ...t, tolerations: withDaemonTolerations(t.tolerations, t.hostNetwork === true) };
}

/** Whether a daemon pod should run on the node: its nodeSelector and node affinity match and it tolerates the node's taints. */
export function shouldRun(template: unknown, node: K8sObject): boolean {
  const spec = daemonPodSpec(template);
  const nm = metaOf(node);
  if (!nodeAffinityMatches({ spec } as K8sObject, { name: nm.name!, labels: nm.labels ?? {} })) return false;
  const taints = (isPlainObject(node.spec) && Array.isArray(node.spec.taints) ? node.spec.taints : []) as Taint[];
  return !untoleratedTaint(taints, spec.tolerations as Toleration[], ['NoSchedule', 'NoExecute']);
}

/** Pins the pod to the node as the real controller does: required node affinity on metadata.name (the scheduler binds it). */
function pinToNode(spec: Record<string, unknown>, node: string): void {
  const affinity = isPlainObject(spec.affinity) ? { ...spec.affinity } : {};
  const nodeAffinity = isPlainObject(affinity.nodeAffinity) ? { ...affinity.nodeAffinity } : {};
  const field = { key: 'metadata.name', operator: 'In', values: [node] };
  const required = isPlainObject(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) ? nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution : {};
  const terms = Array.isArray(required.nodeSelectorTerms) && required.nodeSelectorTerms.length ? required.nodeSelectorTerms.filter(isPlainObject) : [{}];
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms.map((t) => ({ ...t, matchFields: [field] })) };
  spec.affinity = { ...affinity, nodeAffinity };
}

/** The node a daemon pod is for: where it is bound, else the node its affinity pins it to. */
export function targetNodeOf(pod: K8sObject): string {
  const bound = nodeNameOf(pod);
  if (bound) return bound;
  const spec = specOf(pod) as { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Array<{ matchFields?: Array<{ key: string; values?: string[] }> }> } } } };
  for (const t of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const f = t.matchFields?.find((x) => x.key === 'metadata.name');
    if (f?.values?.[0]) return f.values[0];
  }
  return '';
}

/** An int-or-percent of `total`, rounded up as the DaemonSet controller rounds both maxUnavailable and maxSurge. */
function scaled(v: unknown, total: number, dflt: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Math.ceil((Number(v.slice(0, -1)) * total) / 100);
  return dflt;
}

export const daemonSetController: Controller = {
  name: 'daemonset-controller',

  keysFor(ch: ObservedChange, cache): string[] {
    if (ch.kind === DAEMONSETS) return [keyOf(ch.object)];
    if (ch.kind === NODES) {
      // Only what decides eligibility or readiness matters, not heartbeats.
      const sig = (n: K8sObject | undefined) => n && JSON.stringify([metaOf(n).labels, specOf(n).taints, specOf(n).unschedulable]);
      if (ch.type === 'MODIFIED' && sig(ch.old) === sig(ch.object)) return [];
      return cache.list(DAEMONSETS).map(keyOf);
    }
    if (ch.kind === PODS) {
      const keys = new Set<string>();
      for (const o of [ch.object, ch.old]) {
        const ref = o ? controllerOf(o) : undefined;
        if (ref?.kind === 'DaemonSet') keys.add(`${metaOf(o!).namespace}/${ref.name}`);
      }
      return [...keys];
    }
    return [];
  },

  resyncKeys: (cache) => cache.list(DAEMONSETS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const ds = c.cache.get(DAEMONSETS, namespace, name);
    if (!ds || metaOf(ds).deletionTimestamp) return;
    return syncDaemonSet(c, ds);
  },
};

async function syncDaemonSet(c: ControllerContext, ds: K8sObject): Promise<Requeue | void> {
  const m = metaOf(ds);
  const namespace = m.namespace!;
  const spec = specOf(ds);
  const selector = isPlainObject(spec.selector) && isPlainObject(spec.selector.matchLabels) ? (spec.selector.matchLabels as Record<string, string>) : {};
  const update = await ensureRevision(c, ds, revisionsOf(c, ds), selector);
  const hash = update.hash;
  const minReady = intOr(spec.minReadySeconds, 0);
  const now = c.clock.now().getTime();
  const strategy = isPlainObject(spec.updateStrategy) ? spec.updateStrategy : {};
  const rolling = strategy.type !== 'OnDelete';
  const ru = isPlainObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};

  const nodes = c.cache.list(NODES);
  const nodeNames = new Set(nodes.map((n) => metaOf(n).name!));
  const pods = c.cache.ownedBy(PODS, m.uid!).filter((p) => controllerOf(p)?.uid === m.uid && !metaOf(p).deletionTimestamp);
  const byNode = new Map<string, K8sObject[]>();
  for (const p of pods) {
    const n = targetNodeOf(p);
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  const isNew = (p: K8sObject) => metaOf(p).labels?.[REVISION_LABEL] === hash;
  const available = (p: K8sObject) => phaseOf(p) === 'Running' && isPodAvailable(p, minReady, now);

  const toDelete: K8sObject[] = [];
  const toCreate: string[] = [];
  const eligible = nodes.filter((n) => shouldRun(spec.template, n));
  const eligibleNames = new Set(eligible.map((n) => metaOf(n).name!));
  // Pods for nodes that are gone or no longer eligible go (the real pod GC removes those of deleted nodes).
  for (const [node, list] of byNode) {
    if (!nodeNames.has(node) || !eligibleNames.has(node)) toDelete.push(...list);
  }
  const oldOnNodes: Array<{ node: string; old: K8sObject; fresh?: K8sObject }> = [];
  for (const n of eligible) {
    const node = metaOf(n).name!;
    const list = (byNode.get(node) ?? []).slice();
    const failed = list.filter((p) => phaseOf(p) === 'Failed');
    toDelete.push(...failed);
    const live = list.filter((p) => phaseOf(p) !== 'Failed' && phaseOf(p) !== 'Succeeded')
      .sort((a, b) => String(metaOf(a).creationTimestamp).localeCompare(String(metaOf(b).creationTimestamp)));
    if (!live.length) {
      toCreate.push(node);
      continue;
    }
    const fresh = live.filter(isNew);
    const old = live.filter((p) => !isNew(p));
    // More than one pod on a node: keep one (the new one if any, else the oldest); surge pods are handled below.
    if (fresh.length > 1) toDelete.push(...fresh.slice(1));
    if (old.length > 1) toDelete.push(...old.slice(1));
    if (old.length && rolling) oldOnNodes.push({ node, old: old[0], fresh: fresh[0] });
    else if (old.length && fresh.length) toDelete.push(old[0]);
  }

  if (rolling && oldOnNodes.length) {
    const desired = eligible.length;
    const maxSurge = scaled(ru.maxSurge, desired, 0);
    let maxUnavailable = scaled(ru.maxUnavailable, desired, 1);
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    if (maxSurge > 0) {
      // Surge: start a new pod beside the old one, remove the old one once the new one is available.
      let surging = oldOnNodes.filter((x) => x.fresh).length;
      for (const x of oldOnNodes) {
        if (x.fresh) {
          if (available(x.fresh)) toDelete.push(x.old);
        } else if (!available(x.old)) toDelete.push(x.old);
        else if (surging < maxSurge) {
          toCreate.push(x.node);
          surging++;
        }
      }
    } else {
      const unavailableNodes = eligible.filter((n) => {
        const live = (byNode.get(metaOf(n).name!) ?? []).filter((p) => phaseOf(p) !== 'Failed' && phaseOf(p) !== 'Succeeded');
        return !live.some(available);
      }).length;
      let budget = maxUnavailable - unavailableNodes;
      // Old pods that are not available anyway go first, at no cost.
      for (const x of oldOnNodes) if (!available(x.old)) toDelete.push(x.old);
      for (const x of oldOnNodes) {
        if (!available(x.old)) continue;
        if (budget <= 0) break;
        toDelete.push(x.old);
        budget--;
      }
    }
  }

  for (const p of new Set(toDelete)) {
    if (await c.write.delete(PODS, namespace, metaOf(p).name!)) {
      await c.write.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${metaOf(p).name}`, SOURCE);
    }
  }
  for (const node of toCreate) {
    const pod = podFromTemplate(ds, revisionTemplate(update), {
      labels: { [REVISION_LABEL]: hash, 'pod-template-generation': String(m.generation ?? 1) },
    });
    const ps = pod.spec as Record<string, unknown>;
    ps.tolerations = withDaemonTolerations(ps.tolerations, ps.hostNetwork === true);
    pinToNode(ps, node);
    const created = await c.write.create(PODS, namespace, pod).catch(async (err: unknown) => {
      if (err instanceof K8sError) await c.write.event(ds, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, SOURCE);
      throw err;
    });
    await c.write.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${metaOf(created).name}`, SOURCE);
  }

  // Status, from the pods as they are now.
  const current = c.cache.ownedBy(PODS, m.uid!).filter((p) => controllerOf(p)?.uid === m.uid && !metaOf(p).deletionTimestamp && phaseOf(p) !== 'Failed' && phaseOf(p) !== 'Succeeded');
  const onNode = new Map<string, K8sObject[]>();
  for (const p of current) onNode.set(targetNodeOf(p), [...(onNode.get(targetNodeOf(p)) ?? []), p]);
  const scheduledOn = (n: string) => (onNode.get(n) ?? []).filter((p) => nodeNameOf(p));
  let currentNumberScheduled = 0;
  let numberReady = 0;
  let numberAvailable = 0;
  let updatedNumberScheduled = 0;
  let numberMisscheduled = 0;
  for (const n of nodes) {
    const nn = metaOf(n).name!;
    const here = scheduledOn(nn);
    if (!eligibleNames.has(nn)) {
      if (here.length) numberMisscheduled++;
      continue;
    }
    if (!here.length) continue;
    currentNumberScheduled++;
    if (here.some(isPodReady)) numberReady++;
    if (here.some(available)) numberAvailable++;
    if (here.some(isNew)) updatedNumberScheduled++;
  }
  const desiredNumberScheduled = eligible.length;
  const old = statusOf(ds);
  const status: Record<string, unknown> = {
    currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration: m.generation ?? 1,
    ...(updatedNumberScheduled ? { updatedNumberScheduled } : {}),
    ...(numberAvailable ? { numberAvailable } : {}),
    ...(desiredNumberScheduled - numberAvailable > 0 ? { numberUnavailable: desiredNumberScheduled - numberAvailable } : {}),
  };
  if (!jsonEqual(status, old)) {
    await c.write.patch(DAEMONSETS, namespace, m.name!, { status: { updatedNumberScheduled: null, numberAvailable: null, numberUnavailable: null, ...status } }, 'status');
  }
  const live = new Set<string>([update.name, ...current.map((p) => metaOf(p).labels?.[REVISION_LABEL] ?? '')]);
  await trimHistory(c, ds, revisionsOf(c, ds), live, intOr(spec.revisionHistoryLimit, 10));

  const waiting = current.filter((p) => isPodReady(p) && !isPodAvailable(p, minReady, now)).map((p) => (readySince(p) ?? now) + minReady * 1000);
  if (waiting.length) return { at: new Date(Math.min(...waiting)) };
}
