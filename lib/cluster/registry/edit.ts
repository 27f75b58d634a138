import { eq } from 'drizzle-orm';
import { clusters, departments } from '@/db/schema';
import { mutate, recordAudit } from '@/lib/audit/record';
import type { Ctx } from '@/lib/context';
import { Conflict, Forbidden, Invalid } from '@/lib/errors';
import type { ClusterUpdate, ClusterView } from '@/lib/dialects/pier/clusters';
import { forgetClients } from '@/lib/cluster/adapter/connect';
import { stopCaches } from '@/lib/cluster/adapter/cache';
import { auditView } from './register';
import { assertManages, departmentNameOf, requireCluster, viewOf } from './scope';

/**
 * Type, labels and owning department. Moving a cluster to another department
 * (or sharing it with all) is a system administrator's call; a department
 * admin edits the type and labels of their department's clusters.
 */
export async function updateCluster(ctx: Ctx, name: string, input: ClusterUpdate): Promise<ClusterView> {
  const before = await requireCluster(ctx, name);
  assertManages(ctx.user, before.departmentId);
  if (input.departmentId !== undefined && input.departmentId !== before.departmentId && ctx.user.role !== 'system_admin') {
    throw new Forbidden('only a system administrator may move a cluster to another department');
  }
  if (Object.values(input).every((v) => v === undefined)) return viewOf(ctx.user, before, await departmentNameOf(ctx, before.departmentId));
  return mutate(ctx, async (tx) => {
    if (input.departmentId) {
      const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
      if (!d) throw new Invalid({ departmentId: 'no such department' });
    }
    const [row] = await tx.update(clusters).set(input).where(eq(clusters.id, before.id)).returning();
    await recordAudit(ctx, tx, {
      action: 'update', resourceType: 'cluster', resourceId: row.id, resourceName: row.name, departmentId: row.departmentId,
      before: auditView(before), after: auditView(row),
    });
    return viewOf(ctx.user, row, await departmentNameOf({ ...ctx, db: tx }, row.departmentId));
  });
}

/**
 * Removes a registered cluster from Pier (the cluster itself is untouched).
 * Simulated clusters are refused: their objects live in Pier's store, and
 * `local` is what a fresh install shows; restrict one to a department instead.
 */
export async function removeCluster(ctx: Ctx, name: string): Promise<void> {
  const before = await requireCluster(ctx, name);
  assertManages(ctx.user, before.departmentId);
  if (before.driver === 'simulated') {
    throw new Conflict(`cluster "${name}" is simulated by Pier and cannot be removed; assign it to a department to restrict it`);
  }
  await mutate(ctx, async (tx) => {
    await tx.delete(clusters).where(eq(clusters.id, before.id));
    await recordAudit(ctx, tx, {
      action: 'delete', resourceType: 'cluster', resourceId: before.id, resourceName: before.name, departmentId: before.departmentId, before: auditView(before),
    });
  });
  forgetClients(before.id);
  stopCaches(before.id);
}
