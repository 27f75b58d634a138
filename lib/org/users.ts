import { and, asc, count, eq, ilike, inArray, ne, type SQL } from 'drizzle-orm';
import { departments, memberships, projects, users } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Role, UserCreate, UserUpdate } from '../dialects/pier/org';
import type { Ctx } from '../context';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { hashPassword } from '../auth/password';
import { containsPattern, paging, type ListOptions, type Page } from './paging';
import { assertManagesDepartment } from './scope';
import { SYSTEM_USER } from '../auth/service-users';

export interface UserView {
  id: string;
  name: string;
  displayName: string;
  email: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  disabled: boolean;
  createdAt: Date;
  projects: { id: string; name: string }[];
}

/** Columns safe to show: never the password hash. */
const userColumns = {
  id: users.id,
  name: users.name,
  displayName: users.displayName,
  email: users.email,
  role: users.role,
  departmentId: users.departmentId,
  departmentName: departments.name,
  disabled: users.disabled,
  createdAt: users.createdAt,
};

/**
 * Pier's own service identity (the cluster adapter's `pier-system`) is no
 * person: nobody lists, edits or deletes it here, since removing it would cut
 * Pier off from its simulated clusters.
 */
function visibleUsersFilter(ctx: Ctx): SQL | undefined {
  const u = ctx.user;
  if (u.role === 'system_admin') return ne(users.name, SYSTEM_USER);
  if (u.role === 'admin') return eq(users.departmentId, u.departmentId ?? '');
  return eq(users.id, u.id);
}

/** The projects of every given user, in one query. */
async function withProjects(ctx: Ctx, rows: Omit<UserView, 'projects'>[]): Promise<UserView[]> {
  if (rows.length === 0) return [];
  const links = await ctx.db
    .select({ userId: memberships.userId, id: projects.id, name: projects.name })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(inArray(memberships.userId, rows.map((r) => r.id)))
    .orderBy(asc(projects.name));
  return rows.map((r) => ({
    ...r,
    projects: links.filter((l) => l.userId === r.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** One page of the users the caller may see, by name; `total` counts every match of the same filter. */
export async function listUsers(ctx: Ctx, opts: ListOptions = {}): Promise<Page<UserView>> {
  const { page, pageSize, offset } = paging(opts);
  const filter = and(
    visibleUsersFilter(ctx),
    opts.departmentId ? eq(users.departmentId, opts.departmentId) : undefined,
    opts.q ? ilike(users.name, containsPattern(opts.q)) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select(userColumns)
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(filter)
      .orderBy(asc(users.name), asc(users.id))
      .limit(pageSize)
      .offset(offset),
    ctx.db.select({ n: count() }).from(users).where(filter),
  ]);
  return { items: await withProjects(ctx, rows), total: Number(n), page, pageSize };
}

export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  const [row] = await ctx.db
    .select(userColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.id, id), visibleUsersFilter(ctx)));
  if (!row) throw new NotFound(`user ${id}`);
  return (await withProjects(ctx, [row]))[0];
}

/** Projects given at creation must belong to the user's department. */
async function checkProjects(ctx: Ctx, departmentId: string | null, projectIds: string[]) {
  if (projectIds.length === 0) return;
  const found = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(inArray(projects.id, projectIds), eq(projects.departmentId, departmentId ?? '')));
  if (found.length !== new Set(projectIds).size) {
    throw new Invalid({ projectIds: "every project must belong to the user's department" });
  }
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<UserView> {
  if (input.role === 'system_admin' && ctx.user.role !== 'system_admin') {
    throw new Forbidden('only a system administrator may create another');
  }
  if (input.departmentId) {
    const [dept] = await ctx.db.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!dept || (ctx.user.role !== 'system_admin' && ctx.user.departmentId !== dept.id)) {
      throw new NotFound(`department ${input.departmentId}`);
    }
  }
  assertManagesDepartment(ctx.user, input.departmentId);
  await checkProjects(ctx, input.departmentId, input.projectIds);
  const passwordHash = await hashPassword(input.password);
  const id = await mutate(ctx, async (tx) => {
    const [dup] = await tx.select({ id: users.id }).from(users).where(eq(users.name, input.name));
    if (dup) throw new Conflict(`user "${input.name}" already exists`);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(users)
      .values({
        id: newId(), name: input.name, displayName: input.displayName, email: input.email, role: input.role,
        departmentId: input.departmentId, passwordHash, createdAt: now, passwordChangedAt: now,
      })
      .returning({ id: users.id });
    if (input.projectIds.length) {
      await tx.insert(memberships).values(input.projectIds.map((projectId) => ({ userId: row.id, projectId, createdAt: now })));
    }
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'user', resourceId: row.id, resourceName: input.name, departmentId: input.departmentId,
      after: { name: input.name, displayName: input.displayName, email: input.email, role: input.role, projectIds: input.projectIds },
    });
    return row.id;
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdate): Promise<UserView> {
  const before = await getUser(ctx, id);
  assertManagesDepartment(ctx.user, before.departmentId);
  if (before.role === 'system_admin' && input.role) throw new Invalid({ role: 'a system administrator keeps that role' });
  if (id === ctx.user.id && (input.disabled || (input.role && input.role !== before.role))) {
    throw new Invalid({ [input.disabled ? 'disabled' : 'role']: 'you cannot demote or disable yourself' });
  }
  const { password, ...fields } = input;
  const set: Partial<typeof users.$inferInsert> = { ...fields };
  if (password) {
    set.passwordHash = await hashPassword(password);
    set.passwordChangedAt = ctx.clock.now();
  }
  await mutate(ctx, async (tx) => {
    await tx.update(users).set(set).where(eq(users.id, id));
    const { projects: _p, ...beforeRow } = before;
    await recordAudit(ctx, tx, {
      action: password ? 'reset-password' : 'update', resourceType: 'user', resourceId: id, resourceName: before.name,
      departmentId: before.departmentId, before: beforeRow, after: { ...beforeRow, ...fields },
    });
  });
  return getUser(ctx, id);
}

export async function deleteUser(ctx: Ctx, id: string): Promise<void> {
  const before = await getUser(ctx, id);
  assertManagesDepartment(ctx.user, before.departmentId);
  if (id === ctx.user.id) throw new Invalid({ id: 'you cannot delete yourself' });
  await mutate(ctx, async (tx) => {
    await tx.delete(users).where(eq(users.id, id));
    await recordAudit(ctx, tx, {
      action: 'delete', resourceType: 'user', resourceId: id, resourceName: before.name, departmentId: before.departmentId, before,
    });
  });
}
