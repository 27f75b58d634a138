import type { ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { PierError } from '@/lib/errors';
import type { K8sObject } from '@/lib/cluster/sim/objects';

export type { K8sObject };

/** A kind as the calls below need it. */
export interface KindRef {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const ref = (apiVersion: string, kind: string, plural: string, namespaced = true): KindRef => ({ apiVersion, kind, plural, namespaced });

export const NAMESPACE = ref('v1', 'Namespace', 'namespaces', false);
export const NODE = ref('v1', 'Node', 'nodes', false);
export const RESOURCE_QUOTA = ref('v1', 'ResourceQuota', 'resourcequotas');

/**
 * The few cluster calls the ECNS cluster layer makes. One implementation per
 * way of reaching a cluster; see kubeFor.
 */
export interface Kube {
  /** The object, or null when the cluster has no such object. */
  get(k: KindRef, namespace: string | undefined, name: string): Promise<K8sObject | null>;
  /** Every matching object (the implementation pages with limit/continue). */
  list(k: KindRef, o?: { namespace?: string; labelSelector?: string; fieldSelector?: string }): Promise<K8sObject[]>;
  create(k: KindRef, namespace: string | undefined, body: K8sObject): Promise<K8sObject>;
  /** JSON merge patch (RFC 7386): a null value removes a key. */
  mergePatch(k: KindRef, namespace: string | undefined, name: string, patch: object): Promise<K8sObject>;
  /** Deletes with Background propagation; a missing object is not an error. */
  remove(k: KindRef, namespace: string | undefined, name: string): Promise<void>;
}

/** The cluster cannot be reached this way (yet): 501, the seed's "server does not support the function". */
export class NotImplemented extends PierError {
  readonly status = 501;
  readonly reason = 'not_implemented';
}

/**
 * How the core reaches a cluster. Until the adapter (lib/cluster/adapter)
 * lands, simulated clusters are reached in-process through their object
 * store; see docs/namespaces.md, "How to continue".
 */
export async function kubeFor(ctx: Ctx, cluster: ClusterRow): Promise<Kube> {
  if (cluster.driver === 'simulated') {
    const { simKube } = await import('./kube-sim');
    return simKube(ctx, cluster);
  }
  throw new NotImplemented(`cluster "${cluster.name}" is reached by kubeconfig, which this endpoint cannot use yet`);
}
