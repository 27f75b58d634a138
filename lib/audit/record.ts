import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Ctx } from '../context';

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  departmentId?: string | null;
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row; call it inside the mutation's transaction. */
export async function recordAudit(ctx: Ctx, tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at: ctx.clock.now(),
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    departmentId: entry.departmentId ?? null,
    projectId: entry.projectId ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    resourceName: entry.resourceName ?? '',
    source: ctx.source,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Runs a mutation and its audit record in one transaction. */
export function mutate<T>(ctx: Ctx, fn: (tx: Db) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(tx as unknown as Db));
}
