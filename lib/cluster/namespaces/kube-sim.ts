import type { ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { findKind, type KindInfo } from '@/lib/cluster/sim/kinds';
import { createObject, deleteObject, getObject, listObjects, patchObject, type Sim } from '@/lib/cluster/sim/store';
import { K8sError } from '@/lib/cluster/sim/status';
import type { K8sObject, Kube, KindRef } from './kube';

function kindInfo(k: KindRef): KindInfo {
  const [group, version] = k.apiVersion.includes('/') ? k.apiVersion.split('/') : ['', k.apiVersion];
  const info = findKind(group, version, k.plural);
  if (!info) throw new Error(`the simulated cluster serves no ${k.apiVersion} ${k.plural}`);
  return info;
}

function missing(err: unknown): boolean {
  return err instanceof K8sError && err.reason === 'NotFound';
}

/** A simulated cluster reached in-process, through its object store (interim: see kube.ts). */
export function simKube(ctx: Ctx, cluster: ClusterRow): Kube {
  const s: Sim = { db: ctx.db, clock: ctx.clock, clusterId: cluster.id };
  return {
    async get(k, namespace, name) {
      try {
        return await getObject(s, kindInfo(k), namespace, name);
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    async list(k, o = {}) {
      const out: K8sObject[] = [];
      let token: string | undefined;
      do {
        const page = await listObjects(s, kindInfo(k), { namespace: o.namespace, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, limit: 500, continue: token });
        out.push(...page.items);
        token = page.metadata.continue;
      } while (token);
      return out;
    },
    create: (k, namespace, body) => createObject(s, kindInfo(k), namespace, { apiVersion: k.apiVersion, kind: k.kind, ...body }),
    mergePatch: (k, namespace, name, patch) => patchObject(s, kindInfo(k), namespace, name, 'merge', patch),
    async remove(k, namespace, name) {
      try {
        await deleteObject(s, kindInfo(k), namespace, name, { propagationPolicy: 'Background' });
      } catch (err) {
        if (!missing(err)) throw err;
      }
    },
  };
}
