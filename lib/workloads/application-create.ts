import { and, eq } from 'drizzle-orm';
import { ecnsApplications } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { mutate } from '@/lib/audit/record';
import type { Ctx } from '@/lib/context';
import type { ApplicationInfo, ApplicationInput } from '@/lib/dialects/ecns/applications';
import type { Workload } from '@/lib/dialects/ecns/workloads';
import { Conflict } from '@/lib/errors';
import { auditApplication } from './application-audit';
import { findApplications } from './application-store';
import { applicationInfos } from './application-view';
import { createWorkloads } from './create';
import { workloadScope } from './scope';

type Application = Omit<ApplicationInput, 'workloads'> & { workloads?: Workload[] };

/**
 * POST /applications/: the row (name unique in the namespace) with its audit
 * record in one transaction, then its workloads (labelled with the
 * application) through the workload create, which checks them all before
 * the first write and undoes its own writes on a refusal. If the workloads
 * are refused, the row is removed again: nothing is left.
 */
export async function createApplication(ctx: Ctx, productType: string, a: Application): Promise<{ application_info: ApplicationInfo }> {
  const sc = await workloadScope(ctx, 'write');
  const place = { clusterId: sc.cluster.id, namespace: sc.namespace };
  if ((await findApplications(ctx.db, place, [a.name])).length) throw new Conflict(`application "${a.name}" already exists in namespace "${sc.namespace}"`);
  const now = ctx.clock.now();
  const row = {
    id: newId(), clusterId: sc.cluster.id, namespace: sc.namespace, projectId: sc.projectId, name: a.name,
    description: a.description ?? '', type: a.type ?? 'Normal', createdBy: ctx.user.id, createdAt: now, updatedAt: now,
  };
  await mutate(ctx, async (tx) => {
    await tx.insert(ecnsApplications).values(row);
    await auditApplication(sc, tx, 'create', a.name, undefined, { description: row.description, type: row.type, workloads: (a.workloads ?? []).map((w) => w.workload_base) });
  });
  if (a.workloads?.length) {
    try {
      await createWorkloads(ctx, productType, a.workloads.map((w) => ({ ...w, application_name: a.name })));
    } catch (err) {
      await mutate(ctx, async (tx) => {
        await tx.delete(ecnsApplications).where(and(eq(ecnsApplications.id, row.id), eq(ecnsApplications.clusterId, sc.cluster.id)));
        await auditApplication(sc, tx, 'delete', a.name, { reason: 'its workloads were refused' });
      });
      throw err;
    }
  }
  const [info] = await applicationInfos(sc, [row]);
  return { application_info: info };
}
