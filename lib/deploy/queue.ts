import { and, count, eq } from 'drizzle-orm';
import { deployRequests } from '@/db/schema';
import type { Ctx } from '../context';
import { Conflict, NotFound, PierError } from '../errors';
import { decideRequest } from './decide';
import { listRequests, type RequestView } from './list';
import { DeployStatus } from './states';

/** Requests waiting in the caller's audit scope; 0 for those who decide nothing (the navigation asks everyone). */
export async function pendingCount(ctx: Ctx): Promise<number> {
  const u = ctx.user;
  if (u.scopeProjectId && u.role !== 'system_admin') return 0;
  let scope;
  if (u.role === 'system_admin') scope = undefined;
  else if (u.role === 'admin' && u.departmentId) scope = eq(deployRequests.departmentId, u.departmentId);
  else return 0;
  const [{ n }] = await ctx.db.select({ n: count() }).from(deployRequests).where(and(scope, eq(deployRequests.status, DeployStatus.pending)));
  return Number(n);
}

/** One request in the caller's audit scope, else 404 (403 for those who audit nothing). */
export async function getRequest(ctx: Ctx, seq: number): Promise<RequestView> {
  const { items } = await listRequests(ctx, { seq, pageSize: 1 });
  if (!items[0]) throw new NotFound(`request ${seq}`, `deployment request ${seq} not found`);
  return items[0];
}

export interface BulkResult {
  id: number;
  ok: boolean;
  /** Why this one was not approved: already decided (409), not found (404). */
  status?: number;
  message?: string;
}

/**
 * Approves several requests. Each is its own decision (one transaction and
 * audit record each, as one by one would be): one already decided by
 * someone else does not undo or block the others; the answer says which.
 */
export async function approveMany(ctx: Ctx, seqs: number[], comment: string): Promise<BulkResult[]> {
  const out: BulkResult[] = [];
  for (const id of [...new Set(seqs)]) {
    try {
      await decideRequest(ctx, id, DeployStatus.approved, comment);
      out.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof Conflict || err instanceof NotFound)) throw err;
      out.push({ id, ok: false, status: (err as PierError).status, message: err.message });
    }
  }
  return out;
}
