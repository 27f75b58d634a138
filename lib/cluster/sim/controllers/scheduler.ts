import { k8sTime, metaOf, type K8sObject } from '../objects';
import { NODES, PODS } from '../kinds';
import { keyOf, nodeNameOf, splitKey, type ObjectCache, type ObservedChange } from './cache';
import { conditionsOf, isActivePod, specOf, withCondition } from './pods';
import { affinityContext, filterReasons, fitErrorMessage, nodeShape, NodePods, pickNode, type NodeShape, type NodeView } from './scheduling';
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
  // Per node: its pods as the scheduler counts them, kept up to date from every pod change (keysFor sees each one,
  // the controllers' own writes included). Built from the cache the first time a node is needed; thrown away when
  // the cache is replaced (a new leadership) or put back after a rolled-back batch, whose restores keysFor never sees.
  const tallies = new Map<string, NodePods>();
  /** Which node's tally counts a pod now (its key → node name). */
  const countedOn = new Map<string, string>();
  const shapes = new Map<string, { rv: string | undefined; shape: NodeShape }>();
  let seen: { cache: ObjectCache; restores: number } | undefined;

  const fresh = (cache: ObjectCache) => {
    if (seen?.cache === cache && seen.restores === cache.restores) return;
    tallies.clear();
    countedOn.clear();
    seen = { cache, restores: cache.restores };
  };

  const tally = (cache: ObjectCache, node: string): NodePods => {
    let t = tallies.get(node);
    if (!t) {
      t = new NodePods();
      for (const p of cache.podsOn(node)) {
        const key = keyOf(p);
        t.set(key, p);
        countedOn.set(key, node);
      }
      tallies.set(node, t);
    }
    return t;
  };

  /** A pod changed: move what it counts for to its node's tally, if that tally is kept. */
  const track = (cache: ObjectCache, key: string, pod: K8sObject | undefined) => {
    fresh(cache);
    const was = countedOn.get(key);
    const is = pod ? nodeNameOf(pod) : '';
    if (was && was !== is) {
      tallies.get(was)?.set(key, undefined);
      countedOn.delete(key);
    }
    const t = is ? tallies.get(is) : undefined;
    if (!t) return;
    t.set(key, pod);
    countedOn.set(key, is);
  };

  const view = (cache: ObjectCache, node: K8sObject): NodeView => {
    const m = metaOf(node);
    let s = shapes.get(m.name!);
    if (!s || s.rv !== m.resourceVersion) shapes.set(m.name!, (s = { rv: m.resourceVersion, shape: nodeShape(node) }));
    const t = tally(cache, m.name!);
    return { ...s.shape, requested: t.requested, pods: { [Symbol.iterator]: () => t.pods.values() }, owners: t.owners };
  };

  return {
    name: 'default-scheduler',

    keysFor(ch: ObservedChange, cache: ObjectCache): string[] {
      if (ch.kind === NODES) {
        if (ch.type === 'DELETED') shapes.delete(metaOf(ch.object).name!);
        return cache.podsOn('').filter(isOurs).map(keyOf);
      }
      if (ch.kind !== PODS) return [];
      track(cache, keyOf(ch.object), ch.type === 'DELETED' ? undefined : ch.object);
      const was = ch.old ? nodeNameOf(ch.old) : '';
      const is = ch.type === 'DELETED' ? '' : nodeNameOf(ch.object);
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
      fresh(c.cache);
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
