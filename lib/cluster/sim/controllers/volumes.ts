import { findKind, PODS } from '../kinds';
import { isPlainObject, metaOf, type K8sObject } from '../objects';
import { keyOf, nodeNameOf, splitKey, type ObjectCache, type ObservedChange } from './cache';
import { specOf, statusOf } from './pods';
import { parseQuantity } from './quantity';
import type { Controller } from './types';

export const PVCS = findKind('', 'v1', 'persistentvolumeclaims')!;
export const PVS = findKind('', 'v1', 'persistentvolumes')!;
export const STORAGE_CLASSES = findKind('storage.k8s.io', 'v1', 'storageclasses')!;

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const SOURCE = { component: 'persistentvolume-controller' };

export function defaultStorageClass(cache: ObjectCache): K8sObject | undefined {
  return cache.list(STORAGE_CLASSES).find((sc) => metaOf(sc).annotations?.[DEFAULT_CLASS] === 'true');
}

function claimNames(pod: K8sObject): string[] {
  const vols = specOf(pod).volumes;
  if (!Array.isArray(vols)) return [];
  return vols.flatMap((v) => (isPlainObject(v) && isPlainObject(v.persistentVolumeClaim) && typeof v.persistentVolumeClaim.claimName === 'string'
    ? [v.persistentVolumeClaim.claimName] : []));
}

/** The node of the first scheduled pod that uses the claim (WaitForFirstConsumer binds there). */
function consumerNode(cache: ObjectCache, pvc: K8sObject): string | undefined {
  const m = metaOf(pvc);
  for (const pod of cache.list(PODS, m.namespace)) {
    if (nodeNameOf(pod) && claimNames(pod).includes(m.name!)) return nodeNameOf(pod);
  }
  return undefined;
}

/**
 * PersistentVolumeClaim binding with dynamic provisioning: a Pending claim
 * of a StorageClass (its own, or the default class) gets a PersistentVolume
 * `pvc-<claim uid>` of the requested size and is bound to it (Immediate), or
 * once a pod using it is scheduled (WaitForFirstConsumer, with the PV's node
 * affinity on that pod's node). A claim of no class binds to an Available PV
 * that fits. Deleting a claim deletes its provisioned PV (reclaimPolicy
 * Delete) or releases it (Retain).
 */
export const volumeController: Controller = {
  name: 'persistentvolume-controller',

  keysFor(ch: ObservedChange, cache: ObjectCache): string[] {
    if (ch.kind === PVCS) {
      if (ch.type === 'DELETED') {
        const vol = String(specOf(ch.object).volumeName ?? '');
        return vol ? [`pv/${vol}`] : [];
      }
      return [`pvc/${keyOf(ch.object)}`];
    }
    if (ch.kind === PODS && ch.type !== 'DELETED' && nodeNameOf(ch.object) && (!ch.old || !nodeNameOf(ch.old))) {
      return claimNames(ch.object).map((n) => `pvc/${metaOf(ch.object).namespace}/${n}`);
    }
    if (ch.kind === STORAGE_CLASSES) return cache.list(PVCS).filter((p) => statusOf(p).phase !== 'Bound').map((p) => `pvc/${keyOf(p)}`);
    return [];
  },

  resyncKeys: (cache) => cache.list(PVCS).filter((p) => statusOf(p).phase !== 'Bound').map((p) => `pvc/${keyOf(p)}`),

  async reconcile(key, c) {
    if (key.startsWith('pv/')) {
      const pv = c.cache.get(PVS, undefined, key.slice(3));
      if (!pv) return;
      const ref = specOf(pv).claimRef as { namespace?: string; name?: string } | undefined;
      if (ref?.name && c.cache.get(PVCS, ref.namespace, ref.name)) return;
      if (specOf(pv).persistentVolumeReclaimPolicy === 'Delete') await c.write.delete(PVS, undefined, metaOf(pv).name!);
      else if (statusOf(pv).phase !== 'Released') await c.write.status(PVS, undefined, metaOf(pv).name!, { phase: 'Released' });
      return;
    }
    const { namespace, name } = splitKey(key.slice(4));
    const pvc = c.cache.get(PVCS, namespace, name);
    if (!pvc || statusOf(pvc).phase === 'Bound' || specOf(pvc).volumeName) return;
    const spec = specOf(pvc);
    const request = String((spec.resources as { requests?: { storage?: string } } | undefined)?.requests?.storage ?? '1Gi');
    const accessModes = Array.isArray(spec.accessModes) ? spec.accessModes : ['ReadWriteOnce'];
    let className = typeof spec.storageClassName === 'string' ? spec.storageClassName : undefined;
    if (className === undefined) {
      // The DefaultStorageClass admission plugin's job; done here, once, as the claim is first seen.
      const dflt = defaultStorageClass(c.cache);
      if (dflt) {
        className = metaOf(dflt).name!;
        await c.write.patch(PVCS, namespace, name, { spec: { storageClassName: className } });
        return;
      }
    }
    const bind = async (pvName: string, capacity: string) => {
      await c.write.patch(PVCS, namespace, name, {
        metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' } },
        spec: { volumeName: pvName },
      });
      await c.write.status(PVCS, namespace, name, { phase: 'Bound', accessModes, capacity: { storage: capacity } });
    };
    if (!className) {
      const fit = c.cache.list(PVS).find((pv) => statusOf(pv).phase === 'Available' && !specOf(pv).claimRef && !specOf(pv).storageClassName
        && parseQuantity((specOf(pv).capacity as { storage?: string } | undefined)?.storage) >= parseQuantity(request));
      if (!fit) {
        await c.write.event(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', SOURCE);
        return;
      }
      const capacity = String((specOf(fit).capacity as { storage: string }).storage);
      await c.write.batch(async (w) => {
        await w.patch(PVS, undefined, metaOf(fit).name!, { spec: { claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace, name, uid: metaOf(pvc).uid } } });
        await w.status(PVS, undefined, metaOf(fit).name!, { phase: 'Bound' });
      });
      await bind(metaOf(fit).name!, capacity);
      return;
    }
    const sc = c.cache.get(STORAGE_CLASSES, undefined, className);
    if (!sc) {
      await c.write.event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, SOURCE);
      return;
    }
    let node: string | undefined;
    if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
      node = consumerNode(c.cache, pvc);
      if (!node) {
        await c.write.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', SOURCE);
        return;
      }
    }
    const provisioner = String(sc.provisioner ?? 'pier.io/simulated');
    const pvName = `pvc-${metaOf(pvc).uid}`;
    await c.write.batch(async (w) => {
      await w.event(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, SOURCE);
      await w.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${namespace}/${name}"`, { component: provisioner });
      await w.create(PVS, undefined, {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': provisioner } },
        spec: {
          capacity: { storage: request },
          accessModes,
          persistentVolumeReclaimPolicy: typeof sc.reclaimPolicy === 'string' ? sc.reclaimPolicy : 'Delete',
          storageClassName: className,
          volumeMode: spec.volumeMode ?? 'Filesystem',
          hostPath: { path: `/var/lib/pier/volumes/${pvName}`, type: 'DirectoryOrCreate' },
          claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace, name, uid: metaOf(pvc).uid, resourceVersion: metaOf(pvc).resourceVersion },
          ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
        },
      });
      await w.status(PVS, undefined, pvName, { phase: 'Bound' });
      await w.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, { component: provisioner });
    });
    await bind(pvName, request);
  },
};
