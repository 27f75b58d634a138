import { k8sTime, metaOf, type K8sObject } from '../objects';
import { NODES, PODS } from '../kinds';
import { keyOf, nodeNameOf, splitKey, type ObjectCache, type ObservedChange } from './cache';
import { conditionsOf, isActivePod, specOf, withCondition } from './pods';
import { affinityContext, filterReasons, fitErrorMessage, nodeView, pickNode, type NodeView } from './scheduling';
import type { Controller } from './types';

const SOURCE = { component: 'default-scheduler' };

function isOurs(pod: K8sObject): boolean {
  const s = specOf(pod).schedulerName;
  return (s === undefined || s === 'default-scheduler') && !nodeNameOf(pod) && isActivePod(pod);
}

/**
 * kube-scheduler for one cluster: binds each unbound pod to the best node
 * that passes the filters, or leaves it Pending with PodScheduled=False
 * (Unschedulable) and a FailedScheduling event. Unschedulable pods are tried
 * again when a node changes or a pod leaves a node (and at resync).
 */
export function createScheduler(): Controller {
  // Per node: requests of the pods on it, rebuilt only when one of its pods or the node changes.
  const views = new Map<string, NodeView>();

  const view = (cache: ObjectCache, node: K8sObject): NodeView => {
    const name = metaOf(node).name!;
    let v = views.get(name);
    if (!v) views.set(name, (v = nodeView(node, cache.podsOn(name))));
    return v;
  };

  return {
    name: 'default-scheduler',

    keysFor(ch: ObservedChange, cache: ObjectCache): string[] {
      if (ch.kind === NODES) {
        views.delete(metaOf(ch.object).name!);
        return cache.podsOn('').filter(isOurs).map(keyOf);
      }
      if (ch.kind !== PODS) return [];
      const was = ch.old ? nodeNameOf(ch.old) : '';
      const is = ch.type === 'DELETED' ? '' : nodeNameOf(ch.object);
      if (was) views.delete(was);
      if (is) views.delete(is);
      // A pod leaving a node (deleted, finished, moved) frees room: try the waiting pods again.
      const freed = was && (ch.type === 'DELETED' || !isActivePod(ch.object) || is !== was);
      if (freed) return cache.podsOn('').filter(isOurs).map(keyOf);
      // New pods and spec changes; not our own status writes (they would only repeat the attempt).
      const specChanged = !ch.old || metaOf(ch.old).generation !== metaOf(ch.object).generation;
      return ch.type !== 'DELETED' && isOurs(ch.object) && specChanged ? [keyOf(ch.object)] : [];
    },

    resyncKeys: (cache) => cache.podsOn('').filter(isOurs).map(keyOf),

    async reconcile(key, c) {
      const { namespace, name } = splitKey(key);
      const pod = c.cache.get(PODS, namespace, name);
      if (!pod || !isOurs(pod)) return;
      const nodes = c.cache.list(NODES).map((n) => view(c.cache, n));
      const ctx = affinityContext(pod, nodes);
      const reasons = nodes.map((n) => filterReasons(pod, n, ctx));
      const chosen = pickNode(pod, nodes.filter((_, i) => !reasons[i].length));
      const now = k8sTime(c.clock.now());
      if (chosen) {
        await c.write.batch(async (w) => {
          const scheduled = withCondition(conditionsOf(pod), { type: 'PodScheduled', status: 'True', lastProbeTime: null }, now)
            .find((x) => x.type === 'PodScheduled')!;
          if (await w.bind(namespace!, name, chosen.name, { ...scheduled })) {
            await w.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${chosen.name}`, SOURCE);
          }
        });
        views.delete(chosen.name);
        return;
      }
      const message = fitErrorMessage(nodes.length, reasons);
      await c.write.batch(async (w) => {
        const conditions = withCondition(conditionsOf(pod),
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null }, now);
        if (JSON.stringify(conditions) !== JSON.stringify(conditionsOf(pod))) await w.status(PODS, namespace, name, { conditions });
        await w.event(pod, 'Warning', 'FailedScheduling', message, SOURCE);
      });
    },
  };
}
