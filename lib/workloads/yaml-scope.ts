import type { ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { clientsFor, type KubeClients } from '@/lib/cluster/adapter';
import { clusterFor } from '@/lib/cluster/namespaces/current';
import { RAW_KINDS, type RawKind } from '@/lib/dialects/ecns/yaml';
import { Forbidden, Invalid } from '@/lib/errors';
import { workloadScope } from './scope';

/** Where a YAML call works: the current namespace for namespaced kinds, the named (or current) cluster for PVs and StorageClasses. */
export interface RawScope {
  ctx: Ctx;
  cluster: ClusterRow;
  /** Unset for cluster-scoped kinds. */
  namespace?: string;
  projectId: string | null;
  departmentId: string | null;
  c: KubeClients;
}

/** Cluster-wide objects (PersistentVolumes, StorageClasses) are the platform's: only administrators change them. */
const CLUSTER_WRITERS = new Set(['system_admin', 'admin']);

/**
 * Namespaced kinds (and applications) are read and written in the caller's
 * current namespace, with its grant; `cluster_addr` may only name that
 * namespace's cluster. PersistentVolumes and StorageClasses are cluster-wide:
 * `cluster_addr` picks a visible cluster (else the current one).
 */
export async function rawScope(ctx: Ctx, kind: RawKind | 'application', need: 'read' | 'write', clusterAddr?: string): Promise<RawScope> {
  if (kind === 'application' || RAW_KINDS[kind].namespaced) {
    const sc = await workloadScope(ctx, need);
    if (clusterAddr) {
      const named = await clusterFor(ctx, { addr: clusterAddr });
      if (named.id !== sc.cluster.id) {
        throw new Invalid({ cluster_addr: `namespaced objects are in the current namespace's cluster "${sc.cluster.name}"; switch namespace to work in "${named.name}"` });
      }
    }
    return { ctx, cluster: sc.cluster, namespace: sc.namespace, projectId: sc.projectId, departmentId: sc.departmentId, c: sc.c };
  }
  const cluster = await clusterFor(ctx, { addr: clusterAddr });
  if (need === 'write' && !CLUSTER_WRITERS.has(ctx.user.role)) throw new Forbidden(`only administrators may change ${kind}s`);
  const c = await clientsFor(ctx.db, cluster, ctx.clock.now());
  return { ctx, cluster, projectId: null, departmentId: ctx.user.departmentId, c };
}
