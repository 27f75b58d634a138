import { findKind, NAMESPACES, NODES } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { keyOf, type ObservedChange } from './cache';
import { conditionOf } from './pods';
import type { Controller } from './types';

export const LEASES = findKind('coordination.k8s.io', 'v1', 'leases')!;
export const LEASE_NAMESPACE = 'kube-node-lease';
/** The kubelet's defaults: a 40 s lease, renewed every quarter of it. */
export const LEASE_DURATION_SECONDS = 40;
export const RENEW_MS = 10_000;

/** A MicroTime, as the kubelet writes renewTime: microseconds, UTC. */
function microTime(t: Date): string {
  return t.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The kubelet's heartbeat: every Ready node holds the Lease
 * `kube-node-lease/<node>` and renews it every 10 s of the cluster clock
 * (`kubectl describe node` shows it). A NotReady node's kubelet is not heard
 * from, so its lease goes stale. The lease is owned by its Node, so deleting
 * the node deletes it. The namespace is created on first use, as the
 * apiserver creates it at start.
 */
export const nodeLeaseController: Controller = {
  name: 'node-lease',

  keysFor(ch: ObservedChange) {
    if (ch.kind === NODES && ch.type !== 'DELETED') return [keyOf(ch.object)];
    // A lease deleted (or changed) by someone else is put right by its node's kubelet.
    if (ch.kind === LEASES && metaOf(ch.object).namespace === LEASE_NAMESPACE) return [metaOf(ch.object).name!];
    return [];
  },

  resyncKeys: (cache) => cache.list(NODES).map(keyOf),

  async reconcile(key, c) {
    const node = c.cache.get(NODES, undefined, key);
    if (!node || conditionOf(node, 'Ready')?.status !== 'True') return;
    const now = c.clock.now();
    const lease = c.cache.get(LEASES, LEASE_NAMESPACE, key);
    const renewed = Date.parse(String((lease?.spec as { renewTime?: string } | undefined)?.renewTime ?? ''));
    if (lease && (lease.spec as { holderIdentity?: string }).holderIdentity === key && renewed + RENEW_MS > now.getTime()) {
      return { at: new Date(renewed + RENEW_MS) };
    }
    if (!c.cache.get(NAMESPACES, undefined, LEASE_NAMESPACE)) {
      await c.write.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: LEASE_NAMESPACE } });
    }
    const spec = { holderIdentity: key, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(now) };
    if (lease) await c.write.patch(LEASES, LEASE_NAMESPACE, key, { spec });
    else await c.write.create(LEASES, LEASE_NAMESPACE, leaseFor(node, spec));
    return { afterMs: RENEW_MS };
  },
};

function leaseFor(node: K8sObject, spec: Record<string, unknown>): K8sObject {
  const m = metaOf(node);
  return {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: { name: m.name, namespace: LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: m.name!, uid: m.uid! }] },
    spec,
  };
}
