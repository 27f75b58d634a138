import type { ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { NotFound, PierError } from '@/lib/errors';
import { clientsFor, createObject, deleteObject, getObject, listAll, mergePatch, type KubeObject } from '@/lib/cluster/adapter';

export type K8sObject = KubeObject;

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
 * The few cluster calls the ECNS cluster layer makes, over the adapter
 * (lib/cluster/adapter, the only code that talks to clusters). The core
 * scopes the caller before it calls these: the adapter connects with the
 * cluster's own credentials.
 */
export interface Kube {
  /** The object, or null when the cluster has no such object. */
  get(k: KindRef, namespace: string | undefined, name: string): Promise<K8sObject | null>;
  /** Every matching object (paged with limit/continue underneath). */
  list(k: KindRef, o?: { namespace?: string; labelSelector?: string; fieldSelector?: string }): Promise<K8sObject[]>;
  create(k: KindRef, namespace: string | undefined, body: K8sObject): Promise<K8sObject>;
  /** JSON merge patch (RFC 7386): a null value removes a key. */
  mergePatch(k: KindRef, namespace: string | undefined, name: string, patch: object): Promise<K8sObject>;
  /** Deletes with Background propagation; a missing object is not an error. */
  remove(k: KindRef, namespace: string | undefined, name: string): Promise<void>;
}

/** What Pier does not do (yet): 501, the seed's "server does not support the function". */
export class NotImplemented extends PierError {
  readonly status = 501;
  readonly reason = 'not_implemented';
}

export async function kubeFor(ctx: Ctx, cluster: ClusterRow): Promise<Kube> {
  const c = await clientsFor(ctx.db, cluster, ctx.clock.now());
  return {
    async get(k, namespace, name) {
      try {
        return await getObject(c, k, name, namespace);
      } catch (err) {
        if (err instanceof NotFound) return null;
        throw err;
      }
    },
    list: async (k, o = {}) => (await listAll(c, k, o)).items,
    create: (k, namespace, body) =>
      createObject(c, { ...body, apiVersion: k.apiVersion, kind: k.kind, metadata: { ...body.metadata, ...(namespace ? { namespace } : {}) } }),
    mergePatch: (k, namespace, name, patch) => mergePatch(c, k, name, namespace, patch),
    async remove(k, namespace, name) {
      try {
        await deleteObject(c, k, name, namespace);
      } catch (err) {
        if (!(err instanceof NotFound)) throw err;
      }
    },
  };
}
