import { NODES, PODS } from '../kinds';
import { k8sTime, metaOf, type K8sObject } from '../objects';
import { getObject, patchObject, type Sim } from '../store';
import { keyOf, nodeNameOf, splitKey, type ObservedChange } from './cache';
import { tolerates, type Taint, type Toleration } from './match';
import { conditionOf, conditionsOf, isActivePod, specOf, withCondition, type Condition } from './pods';
import type { Controller, Requeue } from './types';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * Marks a node Ready or NotReady, as an administrator would by patching its
 * Ready condition through the API (`kubectl patch node --subresource=status`):
 * NotReady is `status: False` with reason KubeletNotReady, or `Unknown`
 * (NodeStatusUnknown, the kubelet stopped posting) when `unreachable` is set.
 */
export async function setNodeReady(sim: Sim, name: string, ready: boolean, o: { unreachable?: boolean; message?: string } = {}): Promise<K8sObject> {
  const t = k8sTime(sim.clock.now());
  const node = await getObject(sim, NODES, undefined, name);
  const cond: Condition = ready
    ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t }
    : o.unreachable
      ? { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: o.message ?? 'Kubelet stopped posting node status.', lastHeartbeatTime: t }
      : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: o.message ?? 'node marked NotReady by an administrator', lastHeartbeatTime: t };
  return patchObject(sim, NODES, undefined, name, 'merge', { status: { conditions: withCondition(conditionsOf(node), cond, t) } }, 'status');
}

function readyStatus(node: K8sObject): string {
  return conditionOf(node, 'Ready')?.status ?? 'Unknown';
}

function taintsOf(node: K8sObject): Taint[] {
  const t = specOf(node).taints;
  return Array.isArray(t) ? (t as Taint[]) : [];
}

/**
 * The node lifecycle controller: a node whose Ready condition is False gets
 * the `node.kubernetes.io/not-ready` taints (NoSchedule and NoExecute),
 * Unknown gets `unreachable`; the taints go when it is Ready again. Its pods
 * are marked not ready, and the node gets a NodeNotReady event.
 */
export const nodeLifecycleController: Controller = {
  name: 'node-lifecycle-controller',

  keysFor: (ch: ObservedChange) => (ch.kind === NODES && ch.type !== 'DELETED' ? [keyOf(ch.object)] : []),

  resyncKeys: (cache) => cache.list(NODES).map(keyOf),

  async reconcile(key, c) {
    const node = c.cache.get(NODES, undefined, key);
    if (!node) return;
    const ready = readyStatus(node);
    const want = ready === 'True' ? null : ready === 'False' ? NOT_READY : UNREACHABLE;
    const current = taintsOf(node);
    const others = current.filter((t) => t.key !== NOT_READY && t.key !== UNREACHABLE);
    const t = k8sTime(c.clock.now());
    const keep = (effect: string) => current.find((x) => x.key === want && x.effect === effect);
    const next = want ? [...others, keep('NoSchedule') ?? { key: want, effect: 'NoSchedule', timeAdded: t }, keep('NoExecute') ?? { key: want, effect: 'NoExecute', timeAdded: t }] : others;
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    await c.write.batch(async (w) => {
      await w.patch(NODES, undefined, key, { spec: { taints: next.length ? next : null } });
      const wasDown = current.some((x) => x.key === NOT_READY || x.key === UNREACHABLE);
      if (want && !wasDown) {
        await w.event(node, 'Normal', 'NodeNotReady', `Node ${key} status is now: NodeNotReady`, { component: 'node-controller' });
        for (const pod of c.cache.podsOn(key)) {
          if (!isActivePod(pod)) continue;
          const conditions = withCondition(conditionsOf(pod), { type: 'Ready', status: 'False', lastProbeTime: null }, t);
          await w.status(PODS, metaOf(pod).namespace, metaOf(pod).name!, { conditions });
        }
      } else if (!want && wasDown) {
        await w.event(node, 'Normal', 'NodeReady', `Node ${key} status is now: NodeReady`, { component: 'node-controller' });
      }
    });
  },
};

/**
 * The taint eviction controller: a pod on a node with a NoExecute taint it
 * does not tolerate is deleted at once; one it tolerates for
 * tolerationSeconds is deleted that long after the taint was added.
 */
export const taintEvictionController: Controller = {
  name: 'taint-eviction-controller',

  keysFor(ch: ObservedChange, cache) {
    if (ch.kind === NODES) {
      const noExec = (n: K8sObject | undefined) => JSON.stringify(n ? taintsOf(n).filter((t) => t.effect === 'NoExecute') : []);
      if (ch.type === 'DELETED' || noExec(ch.old) === noExec(ch.object)) return [];
      return cache.podsOn(metaOf(ch.object).name!).map(keyOf);
    }
    if (ch.kind === PODS && ch.type !== 'DELETED' && nodeNameOf(ch.object) && (!ch.old || !nodeNameOf(ch.old))) return [keyOf(ch.object)];
    return [];
  },

  resyncKeys: (cache) => cache.list(NODES).filter((n) => taintsOf(n).some((t) => t.effect === 'NoExecute')).flatMap((n) => cache.podsOn(metaOf(n).name!).map(keyOf)),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const pod = c.cache.get(PODS, namespace, name);
    if (!pod || !isActivePod(pod)) return;
    const node = c.cache.get(NODES, undefined, nodeNameOf(pod));
    if (!node) return;
    const taints = taintsOf(node).filter((t) => t.effect === 'NoExecute');
    if (!taints.length) return;
    const tolerations = (specOf(pod).tolerations as Toleration[] | undefined) ?? [];
    const now = c.clock.now().getTime();
    let evictAt = Infinity;
    for (const taint of taints) {
      const matching = tolerations.filter((t) => tolerates(t, taint));
      if (!matching.length) {
        evictAt = now;
        break;
      }
      const bounded = matching.filter((t) => typeof t.tolerationSeconds === 'number');
      // A toleration without tolerationSeconds tolerates forever.
      if (bounded.length < matching.length) continue;
      const seconds = Math.min(...bounded.map((t) => Math.max(0, t.tolerationSeconds!)));
      const added = taint.timeAdded ? Date.parse(taint.timeAdded) : now;
      evictAt = Math.min(evictAt, added + seconds * 1000);
    }
    if (!Number.isFinite(evictAt)) return;
    if (evictAt > now) return { at: new Date(evictAt) };
    await c.write.batch(async (w) => {
      await w.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, { component: 'taint-eviction-controller' });
      await w.delete(PODS, namespace, name);
    });
  },
};
