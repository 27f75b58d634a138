import { and, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import type { AuditQuery } from '../dialects/pier/audit';
import type { Ctx } from '../context';
import { Forbidden } from '../errors';
import { containsPattern } from '../org/paging';

/**
 * The audit log, newest first, paginated in SQL. System admins see every
 * entry; a department admin sees their department's.
 */
export async function listAudit(ctx: Ctx, q: AuditQuery) {
  if (ctx.user.role !== 'system_admin' && ctx.user.role !== 'admin') throw new Forbidden('only administrators read the audit log');
  const where: (SQL | undefined)[] = [
    ctx.user.role === 'admin' ? eq(auditLog.departmentId, ctx.user.departmentId ?? '') : undefined,
    q.actor ? eq(auditLog.actorName, q.actor) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.resourceType ? eq(auditLog.resourceType, q.resourceType) : undefined,
    q.source ? eq(auditLog.source, q.source) : undefined,
    q.q ? ilike(auditLog.resourceName, containsPattern(q.q)) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  ];
  const filter = and(...where);
  const [items, [{ n }]] = await Promise.all([
    ctx.db
      .select()
      .from(auditLog)
      .where(filter)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(auditLog).where(filter),
  ]);
  return { items, total: Number(n), page: q.page, pageSize: q.pageSize };
}
