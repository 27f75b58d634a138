import { and, eq, inArray } from 'drizzle-orm';
import { ecnsApplications } from '@/db/schema';
import { deleteObject } from '@/lib/cluster/adapter';
import { mutate } from '@/lib/audit/record';
import type { Ctx } from '@/lib/context';
import type { WorkloadType } from '@/lib/dialects/ecns/workloads';
import { NotFound } from '@/lib/errors';
import { auditApplication } from './application-audit';
import { requireApplications } from './application-store';
import { memberWorkloads } from './application-view';
import { attachWorkloads } from './attach';
import { deleteWorkloads } from './delete';
import { PVC } from './kinds';
import { WORKLOAD_LABEL } from './labels';
import { workloadLifecycle } from './lifecycle';
import { workloadScope, type WorkloadScope } from './scope';
import { listAll } from '@/lib/cluster/adapter';

const refsOf = (ws: Awaited<ReturnType<typeof memberWorkloads>>) => ws.map((o) => ({ name: o.metadata!.name!, type: o.kind as WorkloadType }));

/** Every named application must exist (404 otherwise, before anything changes); then each one's workloads. */
async function membersOf(ctx: Ctx, names: string[]) {
  const sc = await workloadScope(ctx, 'write');
  const rows = await requireApplications(ctx.db, { clusterId: sc.cluster.id, namespace: sc.namespace }, names);
  const members = await Promise.all(rows.map((r) => memberWorkloads(sc, r.name)));
  return { sc, rows, members };
}

/** PUT /applications/app/?action=start|recreate: the workload action on every workload of each application (all checked first). */
export async function applicationAction(ctx: Ctx, action: 'start' | 'recreate', names: string[]): Promise<void> {
  const { sc, rows, members } = await membersOf(ctx, names);
  const refs = members.flatMap(refsOf);
  if (refs.length) await workloadLifecycle(ctx, refs, action);
  await mutate(ctx, async (tx) => {
    for (const [i, r] of rows.entries()) await auditApplication(sc, tx, action, r.name, undefined, { workloads: refsOf(members[i]) });
  });
}

async function deleteClaims(sc: WorkloadScope, workload: string): Promise<void> {
  const claims = await listAll(sc.c, PVC, { namespace: sc.namespace, labelSelector: `${WORKLOAD_LABEL}=${workload}` });
  for (const c of claims.items) {
    try {
      await deleteObject(sc.c, PVC, c.metadata!.name!, sc.namespace);
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
    }
  }
}

/**
 * DELETE /applications/app/?resource=: each application's row, and by
 * `resource` (the seed's cascade): none — its workloads stay, detached;
 * `workload` — its workloads (with their HPAs); `workload,service` — also
 * their Services and Ingresses; `all` — also the PVCs Pier made for their
 * StorageClass volumes.
 */
export async function deleteApplications(ctx: Ctx, names: string[], resource: Set<'workload' | 'service' | 'all'>): Promise<void> {
  const { sc, rows, members } = await membersOf(ctx, names);
  const all = resource.has('all');
  for (const [i, r] of rows.entries()) {
    const refs = refsOf(members[i]);
    if (!refs.length) continue;
    if (all || resource.has('workload')) await deleteWorkloads(ctx, refs, { delete_service: all || resource.has('service') });
    else await attachWorkloads(ctx, 'detach', r.name, refs);
    if (all) for (const w of refs) await deleteClaims(sc, w.name);
  }
  await mutate(ctx, async (tx) => {
    await tx.delete(ecnsApplications).where(and(
      eq(ecnsApplications.clusterId, sc.cluster.id), eq(ecnsApplications.namespace, sc.namespace), inArray(ecnsApplications.id, rows.map((r) => r.id)),
    ));
    for (const [i, r] of rows.entries()) {
      await auditApplication(sc, tx, 'delete', r.name, { description: r.description, type: r.type }, { resource: [...resource], workloads: refsOf(members[i]) });
    }
  });
}
