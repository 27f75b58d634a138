import type { Ctx } from '@/lib/context';
import { clientsFor } from './adapter/connect';
import { listAll, type KubeObject } from './adapter/objects';
import { requireNamespace } from './namespaces/scope';

const CONFIG_MAP = { apiVersion: 'v1', kind: 'ConfigMap' };
const SECRET = { apiVersion: 'v1', kind: 'Secret' };
const PVC = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };

/** A ConfigMap or Secret a workload can take env or a volume from: its name and key names (never a Secret's values). */
export interface ConfigRef {
  name: string;
  keys: string[];
  /** Secrets only: e.g. Opaque, kubernetes.io/dockerconfigjson. */
  type?: string;
}

export interface ClaimRef {
  name: string;
  phase: string;
  storageClass: string | null;
  /** As requested, e.g. "10Gi". */
  capacity: string | null;
  accessModes: string[];
}

/** What the workload editor's pickers list for one namespace. */
export interface NamespaceRefs {
  configMaps: ConfigRef[];
  secrets: ConfigRef[];
  claims: ClaimRef[];
}

type DataObject = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string>; type?: string };
type ClaimObject = KubeObject & {
  spec?: { storageClassName?: string; accessModes?: string[]; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string };
};

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const keysOf = (o: DataObject) => [...Object.keys(o.data ?? {}), ...Object.keys(o.binaryData ?? {})].sort();

/**
 * The ConfigMaps, Secrets and PVCs of a namespace the caller may see (404
 * otherwise, as for any namespace of another tenant). Read-only: three list
 * calls through the adapter.
 */
export async function namespaceRefs(ctx: Ctx, clusterName: string, namespace: string): Promise<NamespaceRefs> {
  const ns = await requireNamespace(ctx, clusterName, namespace);
  const c = await clientsFor(ctx.db, ns.cluster, ctx.clock.now());
  const [maps, secrets, claims] = await Promise.all([
    listAll<DataObject>(c, CONFIG_MAP, { namespace: ns.name }),
    listAll<DataObject>(c, SECRET, { namespace: ns.name }),
    listAll<ClaimObject>(c, PVC, { namespace: ns.name }),
  ]);
  return {
    configMaps: maps.items.map((o) => ({ name: o.metadata!.name!, keys: keysOf(o) })).sort(byName),
    secrets: secrets.items.map((o) => ({ name: o.metadata!.name!, keys: keysOf(o), type: o.type ?? 'Opaque' })).sort(byName),
    claims: claims.items.map((o) => ({
      name: o.metadata!.name!,
      phase: o.status?.phase ?? 'Pending',
      storageClass: o.spec?.storageClassName ?? null,
      capacity: o.spec?.resources?.requests?.storage ?? null,
      accessModes: o.spec?.accessModes ?? [],
    })).sort(byName),
  };
}
