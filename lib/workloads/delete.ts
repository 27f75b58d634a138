import type { Service } from 'kubernetes-types/core/v1';
import { kube, noteWrite, type PropagationPolicy } from '@/lib/cluster/adapter';
import { deleteObject } from '@/lib/cluster/adapter';
import type { WorkloadRef } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { ingressesOf, servicesOf } from './access';
import { auditWorkloads } from './audit';
import { HPA, INGRESS, SERVICE, WORKLOAD_REF } from './kinds';
import { readNeighbours, requireWorkload, viewOf } from './read';
import { workloadScope, type WorkloadScope } from './scope';
import { hpaOf } from './strategy';

export interface DeleteOptions {
  delete_policy?: PropagationPolicy;
  force_delete?: boolean;
  delete_service?: boolean;
}

async function gone(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
  }
}

/** A delete with the options the adapter's deleteObject has no field for (gracePeriodSeconds), on the adapter's own client. */
async function deleteWorkloadObject(sc: WorkloadScope, w: WorkloadRef, o: DeleteOptions): Promise<void> {
  const ref = WORKLOAD_REF[w.type];
  if (!o.force_delete) {
    await deleteObject(sc.c, ref, w.name, sc.namespace, { propagationPolicy: o.delete_policy ?? 'Background' });
    return;
  }
  await kube(async () => {
    const { path } = await sc.c.objects.pathOf(ref.apiVersion, ref.kind, sc.namespace, w.name);
    await sc.c.objects.send('DELETE', path, {
      body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: o.delete_policy ?? 'Background', gracePeriodSeconds: 0 },
    });
    noteWrite(sc.c, ref, w.name, sc.namespace, undefined, true);
  });
}

/**
 * DELETE /workloads/: each workload (all must exist: a missing one is a 404
 * and nothing is deleted), its HPA, and with `delete_service` its Services
 * and the Ingresses routing to them. PVCs made for StorageClass volumes are
 * kept: they hold data (delete them with the storage API).
 */
export async function deleteWorkloads(ctx: Ctx, refs: WorkloadRef[], o: DeleteOptions) {
  const sc = await workloadScope(ctx, 'write');
  const objects = [];
  for (const w of refs) objects.push(await requireWorkload(sc, w.type, w.name));
  const n = await readNeighbours(sc);
  const audit = [];
  for (const [i, w] of refs.entries()) {
    const obj = objects[i];
    const before = viewOf(obj, n);
    await deleteWorkloadObject(sc, w, o);
    const hpa = hpaOf(w.type, w.name, n.hpas);
    if (hpa) await gone(deleteObject(sc.c, HPA, hpa.metadata!.name!, sc.namespace));
    if (o.delete_service) {
      const services: Service[] = servicesOf(w.name, obj.spec?.template.metadata?.labels ?? {}, n.services);
      for (const ing of ingressesOf(services, n.ingresses)) await gone(deleteObject(sc.c, INGRESS, ing.metadata!.name!, sc.namespace));
      for (const s of services) await gone(deleteObject(sc.c, SERVICE, s.metadata!.name!, sc.namespace));
    }
    audit.push({ type: w.type, name: w.name, before, after: { ...o } });
  }
  await auditWorkloads(sc, 'delete', audit);
}
