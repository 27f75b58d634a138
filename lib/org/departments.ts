import { and, asc, count, eq } from 'drizzle-orm';
import { departments, projects, users } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { DepartmentCreate, DepartmentUpdate } from '../dialects/pier/org';
import type { Ctx } from '../context';
import { Conflict, Forbidden, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { assertSystemAdmin } from './scope';

export type Department = typeof departments.$inferSelect;

/** System admins see every department; everyone else only their own. */
export async function listDepartments(ctx: Ctx): Promise<Department[]> {
  const q = ctx.db.select().from(departments);
  if (ctx.user.role === 'system_admin') return q.orderBy(asc(departments.name));
  return q.where(eq(departments.id, ctx.user.departmentId ?? '')).orderBy(asc(departments.name));
}

export async function getDepartment(ctx: Ctx, id: string): Promise<Department> {
  const [row] = await ctx.db.select().from(departments).where(eq(departments.id, id)).limit(1);
  if (!row || (ctx.user.role !== 'system_admin' && ctx.user.departmentId !== id)) throw new NotFound(`department ${id}`);
  return row;
}

export async function createDepartment(ctx: Ctx, input: DepartmentCreate): Promise<Department> {
  assertSystemAdmin(ctx.user);
  return mutate(ctx, async (tx) => {
    const [dup] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, input.name));
    if (dup) throw new Conflict(`department "${input.name}" already exists`);
    const [row] = await tx
      .insert(departments)
      .values({ id: newId(), name: input.name, description: input.description, createdAt: ctx.clock.now() })
      .returning();
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'department', resourceId: row.id, resourceName: row.name, departmentId: row.id, after: row,
    });
    return row;
  });
}

export async function updateDepartment(ctx: Ctx, id: string, input: DepartmentUpdate): Promise<Department> {
  const before = await getDepartment(ctx, id);
  assertSystemAdmin(ctx.user);
  return mutate(ctx, async (tx) => {
    if (input.name && input.name !== before.name) {
      const [dup] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, input.name));
      if (dup) throw new Conflict(`department "${input.name}" already exists`);
    }
    const [row] = await tx.update(departments).set(input).where(eq(departments.id, id)).returning();
    await recordAudit(ctx, tx, {
      action: 'update', resourceType: 'department', resourceId: id, resourceName: row.name, departmentId: id, before, after: row,
    });
    return row;
  });
}

/** Only an empty department can go: projects and users must be moved or removed first. */
export async function deleteDepartment(ctx: Ctx, id: string): Promise<void> {
  const before = await getDepartment(ctx, id);
  if (ctx.user.role !== 'system_admin') throw new Forbidden('only a system administrator may do that');
  await mutate(ctx, async (tx) => {
    const [p] = await tx.select({ n: count() }).from(projects).where(eq(projects.departmentId, id));
    const [u] = await tx.select({ n: count() }).from(users).where(and(eq(users.departmentId, id)));
    if (Number(p.n) > 0 || Number(u.n) > 0) {
      throw new Conflict(`department "${before.name}" still has ${p.n} project(s) and ${u.n} user(s)`);
    }
    await tx.delete(departments).where(eq(departments.id, id));
    await recordAudit(ctx, tx, {
      action: 'delete', resourceType: 'department', resourceId: id, resourceName: before.name, departmentId: id, before,
    });
  });
}
