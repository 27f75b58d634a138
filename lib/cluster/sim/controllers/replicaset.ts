import { findKind, PODS } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { K8sError } from '../status';
import { controllerOf, keyOf, nodeNameOf as nodeName, splitKey, type ObservedChange } from './cache';
import {
  intOr, isActivePod, isPodAvailable, isPodReady, phaseOf, readySince, restartCountOf, specOf, statusOf,
} from './pods';
import { podFromTemplate } from './template';
import type { Controller, ControllerContext, Requeue } from './types';

export const REPLICASETS = findKind('apps', 'v1', 'replicasets')!;

/** The real controller's burstReplicas: at most this many creates or deletes per sync. */
const BURST = 500;

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Which pods go first when scaling down, as the ReplicaSet controller ranks
 * them: unscheduled, then pending before running, not ready before ready,
 * ready for less time, more restarts, newer.
 */
export function deletionOrder(a: K8sObject, b: K8sObject): number {
  const an = nodeName(a) ? 1 : 0;
  const bn = nodeName(b) ? 1 : 0;
  if (an !== bn) return an - bn;
  const ap = PHASE_RANK[phaseOf(a)] ?? 0;
  const bp = PHASE_RANK[phaseOf(b)] ?? 0;
  if (ap !== bp) return ap - bp;
  const ar = isPodReady(a) ? 1 : 0;
  const br = isPodReady(b) ? 1 : 0;
  if (ar !== br) return ar - br;
  if (ar && br) {
    const d = (readySince(b) ?? 0) - (readySince(a) ?? 0);
    if (d !== 0) return d;
  }
  const rc = restartCountOf(b) - restartCountOf(a);
  if (rc !== 0) return rc;
  return Date.parse(String(metaOf(b).creationTimestamp ?? 0)) - Date.parse(String(metaOf(a).creationTimestamp ?? 0));
}

function ownerKeys(o: K8sObject | undefined, kind: string): string[] {
  const ref = o ? controllerOf(o) : undefined;
  return ref && ref.kind === kind ? [`${metaOf(o!).namespace}/${ref.name}`] : [];
}

/** Pods of a controller (by ownerReference uid) that count: not finished, not terminating. */
export function activePodsOf(c: ControllerContext, owner: K8sObject): K8sObject[] {
  return c.cache.ownedBy(PODS, metaOf(owner).uid!).filter((p) => controllerOf(p)?.uid === metaOf(owner).uid && isActivePod(p));
}

export const replicaSetController: Controller = {
  name: 'replicaset-controller',

  keysFor(ch: ObservedChange): string[] {
    if (ch.kind === REPLICASETS) return [keyOf(ch.object)];
    if (ch.kind === PODS) return [...new Set([...ownerKeys(ch.object, 'ReplicaSet'), ...ownerKeys(ch.old, 'ReplicaSet')])];
    return [];
  },

  resyncKeys: (cache) => cache.list(REPLICASETS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const rs = c.cache.get(REPLICASETS, namespace, name);
    if (!rs || metaOf(rs).deletionTimestamp) return;
    const spec = specOf(rs);
    const want = intOr(spec.replicas, 1);
    const minReady = intOr(spec.minReadySeconds, 0);
    const pods = activePodsOf(c, rs);
    const diff = want - pods.length;
    const source = { component: 'replicaset-controller' };
    if (diff > 0) {
      for (let i = 0; i < Math.min(diff, BURST); i++) {
        const pod = await c.write.create(PODS, namespace, podFromTemplate(rs, spec.template)).catch(async (err: unknown) => {
          // e.g. refused by quota admission: say so on the ReplicaSet, as the real controller does.
          if (err instanceof K8sError) await c.write.event(rs, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, source);
          throw err;
        });
        await c.write.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${metaOf(pod).name}`, source);
      }
    } else if (diff < 0) {
      const doomed = [...pods].sort(deletionOrder).slice(0, Math.min(-diff, BURST));
      for (const pod of doomed) {
        if (await c.write.delete(PODS, namespace, metaOf(pod).name!)) {
          await c.write.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${metaOf(pod).name}`, source);
        }
      }
    }
    const now = c.clock.now().getTime();
    const current = activePodsOf(c, rs);
    const ready = current.filter(isPodReady);
    const available = ready.filter((p) => isPodAvailable(p, minReady, now));
    const templateLabels = (specOf(rs).template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels ?? {};
    const fullyLabeled = current.filter((p) => Object.entries(templateLabels).every(([k, v]) => metaOf(p).labels?.[k] === v)).length;
    const old = statusOf(rs);
    const status: Record<string, unknown> = {
      replicas: current.length,
      ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
      ...(ready.length ? { readyReplicas: ready.length } : {}),
      ...(available.length ? { availableReplicas: available.length } : {}),
      observedGeneration: metaOf(rs).generation ?? 1,
      ...(Array.isArray(old.conditions) ? { conditions: old.conditions } : {}),
    };
    if (!jsonEqual(status, old)) {
      // The status subresource replaces status whole: absent counters go back to zero.
      await c.write.patch(REPLICASETS, namespace, name, {
        status: { fullyLabeledReplicas: null, readyReplicas: null, availableReplicas: null, ...status },
      }, 'status');
    }
    // A ready pod becomes available after minReadySeconds: look again then.
    const pending = ready.filter((p) => !isPodAvailable(p, minReady, now)).map((p) => (readySince(p) ?? now) + minReady * 1000);
    if (diff > BURST || -diff > BURST) return { afterMs: 0 };
    if (pending.length) return { at: new Date(Math.min(...pending)) };
  },
};
