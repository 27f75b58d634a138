import type { PersistentVolumeClaim, Volume as KVolume } from 'kubernetes-types/core/v1';
import type { Volume, WorkloadType } from '@/lib/dialects/ecns/workloads';
import { VOLUME_LABEL, WORKLOAD_LABEL } from './labels';

/** The PVC Pier makes for a StorageClass volume of a Deployment or DaemonSet (a StatefulSet gets a claim template of the volume's name). */
export const pvcNameFor = (workload: string, volume: string): string => `${workload}-${volume}`;

function storageClassClaim(workload: string, v: Volume, name: string): PersistentVolumeClaim {
  const sc = v.storage_class!;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, labels: { [WORKLOAD_LABEL]: workload, [VOLUME_LABEL]: v.name } },
    spec: {
      accessModes: [sc.access_mode ?? 'ReadWriteOnce'],
      storageClassName: sc.class_name,
      resources: { requests: { storage: `${sc.capacity}Gi` } },
    },
  };
}

function configSource(c: NonNullable<Volume['configmap']>) {
  return c.items?.length ? { items: c.items.map((i) => ({ key: i.key, path: i.path })) } : {};
}

export interface VolumesOut {
  volumes: KVolume[];
  /** PVCs to create beside a Deployment/DaemonSet. */
  claims: PersistentVolumeClaim[];
  /** A StatefulSet's volumeClaimTemplates. */
  claimTemplates: PersistentVolumeClaim[];
}

export function volumesToKube(workload: string, type: WorkloadType, volumes: Volume[] | undefined): VolumesOut {
  const out: VolumesOut = { volumes: [], claims: [], claimTemplates: [] };
  for (const v of volumes ?? []) {
    switch (v.type) {
      case 'StorageClass':
        if (type === 'StatefulSet') {
          const t = storageClassClaim(workload, v, v.name);
          delete t.apiVersion;
          delete t.kind;
          out.claimTemplates.push(t);
        } else {
          const claim = storageClassClaim(workload, v, pvcNameFor(workload, v.name));
          out.claims.push(claim);
          out.volumes.push({ name: v.name, persistentVolumeClaim: { claimName: claim.metadata!.name! } });
        }
        break;
      case 'PVC':
        out.volumes.push({ name: v.name, persistentVolumeClaim: { claimName: typeof v.pvc === 'string' ? v.pvc : v.pvc!.name } });
        break;
      case 'LocalStorage':
        out.volumes.push({ name: v.name, hostPath: { path: v.local_storage! } });
        break;
      case 'EmptyDir': {
        const e = v.emptydir ?? '';
        out.volumes.push({ name: v.name, emptyDir: e === 'Memory' ? { medium: 'Memory' } : e ? { sizeLimit: e } : {} });
        break;
      }
      case 'ConfigMap':
        out.volumes.push({ name: v.name, configMap: { name: v.configmap!.name, ...configSource(v.configmap!) } });
        break;
      case 'Secret':
        out.volumes.push({ name: v.name, secret: { secretName: v.secret!.name, ...configSource(v.secret!) } });
        break;
    }
  }
  return out;
}

function capacityGi(claim: PersistentVolumeClaim): string {
  const s = String(claim.spec?.resources?.requests?.storage ?? '');
  const m = /^([0-9]+)Gi$/.exec(s);
  return m ? m[1] : s;
}

function storageClassVolume(name: string, claim: PersistentVolumeClaim): Volume {
  const mode = claim.spec?.accessModes?.[0];
  return {
    name,
    type: 'StorageClass',
    storage_class: {
      class_name: claim.spec?.storageClassName ?? '',
      capacity: capacityGi(claim),
      ...(mode && mode !== 'ReadWriteOnce' ? { access_mode: mode as 'ReadOnlyMany' | 'ReadWriteMany' } : {}),
    },
  };
}

/**
 * Kubernetes volumes → ECNS. `claims` are the namespace's PVCs Pier made
 * for this workload (label pier.io/workload): a volume naming one of them is
 * a StorageClass volume, any other claim a PVC volume. `mountPaths` gives a
 * ConfigMap/Secret volume its `path` (the first container path it is mounted at).
 * Volume sources ECNS has no type for (projected, downwardAPI, nfs, ...) are left out.
 */
export function volumesFromKube(
  volumes: KVolume[] | undefined, claimTemplates: PersistentVolumeClaim[] | undefined, claims: PersistentVolumeClaim[], mountPaths: Map<string, string>,
): Volume[] {
  const out: Volume[] = [];
  const byName = new Map(claims.map((c) => [c.metadata?.name ?? '', c]));
  for (const v of volumes ?? []) {
    if (v.persistentVolumeClaim) {
      const claim = byName.get(v.persistentVolumeClaim.claimName);
      out.push(claim ? storageClassVolume(v.name, claim) : { name: v.name, type: 'PVC', pvc: v.persistentVolumeClaim.claimName });
    } else if (v.hostPath) out.push({ name: v.name, type: 'LocalStorage', local_storage: v.hostPath.path });
    else if (v.emptyDir) {
      const e = v.emptyDir.medium === 'Memory' ? 'Memory' : v.emptyDir.sizeLimit ? String(v.emptyDir.sizeLimit) : undefined;
      out.push({ name: v.name, type: 'EmptyDir', ...(e ? { emptydir: e } : {}) });
    } else if (v.configMap) {
      const items = v.configMap.items?.map((i) => ({ key: i.key, path: i.path }));
      out.push({ name: v.name, type: 'ConfigMap', configmap: { type: 'ConfigMap', name: v.configMap.name ?? '', path: mountPaths.get(v.name) ?? '/', ...(items?.length ? { items } : {}) } });
    } else if (v.secret) {
      const items = v.secret.items?.map((i) => ({ key: i.key, path: i.path }));
      out.push({ name: v.name, type: 'Secret', secret: { type: 'Secret', name: v.secret.secretName ?? '', path: mountPaths.get(v.name) ?? '/', ...(items?.length ? { items } : {}) } });
    }
  }
  for (const t of claimTemplates ?? []) out.push(storageClassVolume(t.metadata?.name ?? '', t));
  return out;
}
