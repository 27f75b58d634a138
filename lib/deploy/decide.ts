import { and, eq } from 'drizzle-orm';
import { deployments, deployRequests } from '@/db/schema';
import type { Ctx } from '../context';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { mayDecide } from './scope';
import { DeployStatus } from './states';

/**
 * `PUT /v1/admin/deploy`: approve (1) or disapprove (2) a pending request,
 * once. The decision is one conditional UPDATE (status = 0), so a second
 * decision, or two administrators deciding at the same moment, finds
 * nothing to update: 409, and nothing changes.
 */
export async function decideRequest(ctx: Ctx, seq: number, status: number, comment: string) {
  const u = ctx.user;
  if (u.role !== 'system_admin' && u.role !== 'admin') throw new Forbidden('only a department administrator or a system administrator may audit deployments');
  const [req] = await ctx.db.select().from(deployRequests).where(eq(deployRequests.seq, seq)).limit(1);
  if (!req || !mayDecide(u, req.departmentId)) throw new NotFound(`request ${seq}`, `deployment request ${seq} not found`);
  if (status !== DeployStatus.approved && status !== DeployStatus.disapproved) throw new Invalid({ status: '1 (approve) or 2 (disapprove)' });
  if (status === DeployStatus.disapproved && !comment.trim()) throw new Invalid({ comment: 'required to disapprove: say why' });
  return mutate(ctx, async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .update(deployRequests)
      .set({ status, auditComment: comment, decidedBy: u.name, decidedAt: now, updatedAt: now })
      .where(and(eq(deployRequests.id, req.id), eq(deployRequests.status, DeployStatus.pending)))
      .returning();
    if (!row) throw new Conflict(`deployment request ${seq} was already decided`);
    await tx.update(deployments).set({ status, auditComment: comment, updatedAt: now }).where(eq(deployments.id, req.deploymentId));
    await recordAudit(ctx, tx, {
      action: status === DeployStatus.approved ? 'approve' : 'disapprove', resourceType: 'deploy_request', resourceId: req.id,
      resourceName: String(seq), departmentId: req.departmentId, before: { status: req.status }, after: { status, comment },
    });
    return row;
  });
}
