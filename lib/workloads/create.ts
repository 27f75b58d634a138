import { createObject, deleteObject, getObject, type KubeObject, type KindRef } from '@/lib/cluster/adapter';
import type { Workload } from '@/lib/dialects/ecns/workloads';
import { WORKLOAD_TYPES } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import { Conflict, Invalid, NotFound } from '@/lib/errors';
import { auditWorkloads } from './audit';
import type { KubeBundle } from './bundle';
import { WORKLOAD_REF } from './kinds';
import { fullView, readNeighbours } from './read';
import { workloadScope, type WorkloadScope } from './scope';
import { workloadToKube } from './to-kube';
import { bundleObjects, validateBundle } from './validate';

/** The security product creates workloads in the `rune` runtime unless the body names another (seed 1.21). */
export const SECURITY_RUNTIME_CLASS = 'rune';

const refOf = (o: KubeObject): KindRef => ({ apiVersion: String(o.apiVersion), kind: String(o.kind) });

async function exists(sc: WorkloadScope, ref: KindRef, name: string): Promise<boolean> {
  try {
    await getObject(sc.c, ref, name, sc.namespace);
    return true;
  } catch (err) {
    if (err instanceof NotFound) return false;
    throw err;
  }
}

/** Bundles for every workload, each validated against the OpenAPI schemas before anything is written. */
export function bundlesFor(workloads: Workload[], namespace: string, productType: string): KubeBundle[] {
  return workloads.map((w, i) => {
    const withRuntime = productType === 'security' && !w.runtime_class_name ? { ...w, runtime_class_name: SECURITY_RUNTIME_CLASS } : w;
    const b = workloadToKube(withRuntime, { namespace });
    try {
      validateBundle(b);
    } catch (err) {
      if (err instanceof Invalid) throw new Invalid(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`workloads.${i}.${k}`, v])));
      throw err;
    }
    return b;
  });
}

/**
 * POST /workloads/: several workloads at once, in the caller's current
 * namespace. Names are checked free first (a workload of any kind, and each
 * Service, Ingress, HPA and PVC it would make): a clash is a 409 and nothing
 * is created. If the cluster refuses an object midway, what was created is
 * deleted again.
 */
export async function createWorkloads(ctx: Ctx, productType: string, workloads: Workload[]) {
  const sc = await workloadScope(ctx, 'write');
  const bundles = bundlesFor(workloads, sc.namespace, productType);
  for (const b of bundles) {
    const name = b.workload.metadata!.name!;
    for (const t of WORKLOAD_TYPES) if (await exists(sc, WORKLOAD_REF[t], name)) throw new Conflict(`a ${t} named "${name}" already exists in namespace "${sc.namespace}"`);
    for (const o of bundleObjects(b)) {
      if (o === (b.workload as unknown)) continue;
      if (await exists(sc, refOf(o), String(o.metadata?.name))) throw new Conflict(`a ${o.kind} named "${o.metadata?.name}" already exists in namespace "${sc.namespace}"`);
    }
  }
  const created: KubeObject[] = [];
  try {
    for (const b of bundles) for (const o of bundleObjects(b)) created.push(await createObject(sc.c, o as KubeObject));
  } catch (err) {
    for (const o of created.reverse()) await deleteObject(sc.c, refOf(o), String(o.metadata?.name), sc.namespace).catch(() => undefined);
    throw err;
  }
  await auditWorkloads(sc, 'create', bundles.map((b, i) => ({ type: b.workload.kind!, name: b.workload.metadata!.name!, after: workloads[i] })));
  const n = await readNeighbours(sc);
  const byName = new Map(created.filter((o) => (WORKLOAD_TYPES as readonly string[]).includes(String(o.kind))).map((o) => [`${o.kind}/${o.metadata?.name}`, o]));
  return { workloads: bundles.map((b) => fullView((byName.get(`${b.workload.kind}/${b.workload.metadata?.name}`) ?? b.workload) as typeof b.workload, n)) };
}
