import { and, asc, count, eq, ilike } from 'drizzle-orm';
import { departments, projects } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { ProjectCreate, ProjectUpdate } from '../dialects/pier/org';
import type { Ctx } from '../context';
import { Conflict, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { containsPattern, paging, type ListOptions, type Page } from './paging';
import { assertManagesDepartment, requireProject, visibleProjectsFilter } from './scope';

export interface ProjectView {
  id: string;
  name: string;
  description: string;
  departmentId: string;
  departmentName: string;
  createdAt: Date;
}

const projectView = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  departmentId: projects.departmentId,
  departmentName: departments.name,
  createdAt: projects.createdAt,
};

function projectsFilter(ctx: Ctx, opts: Pick<ListOptions, 'departmentId' | 'q'>) {
  return and(
    visibleProjectsFilter(ctx),
    opts.departmentId ? eq(projects.departmentId, opts.departmentId) : undefined,
    opts.q ? ilike(projects.name, containsPattern(opts.q)) : undefined,
  );
}

const projectOrder = [asc(departments.name), asc(projects.name), asc(projects.id)];

/** One page of the projects the caller may see, by department then name; `total` counts every match. */
export async function listProjects(ctx: Ctx, opts: ListOptions = {}): Promise<Page<ProjectView>> {
  const { page, pageSize, offset } = paging(opts);
  const filter = projectsFilter(ctx, opts);
  const [items, [{ n }]] = await Promise.all([
    ctx.db
      .select(projectView)
      .from(projects)
      .innerJoin(departments, eq(departments.id, projects.departmentId))
      .where(filter)
      .orderBy(...projectOrder)
      .limit(pageSize)
      .offset(offset),
    ctx.db.select({ n: count() }).from(projects).where(filter),
  ]);
  return { items, total: Number(n), page, pageSize };
}

/**
 * Every project the caller may see, unpaged: for the organization tree and the
 * ECNS project list, whose wire forms have no paging. Their size is bounded by
 * what one caller may see, not by the whole install.
 */
export async function allVisibleProjects(ctx: Ctx, opts: Pick<ListOptions, 'departmentId'> = {}): Promise<ProjectView[]> {
  return ctx.db
    .select(projectView)
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(projectsFilter(ctx, opts))
    .orderBy(...projectOrder);
}

export async function getProject(ctx: Ctx, id: string): Promise<ProjectView> {
  await requireProject(ctx, id);
  const [row] = await ctx.db
    .select(projectView)
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(eq(projects.id, id));
  return row;
}

export async function createProject(ctx: Ctx, input: ProjectCreate): Promise<ProjectView> {
  const [dept] = await ctx.db.select().from(departments).where(eq(departments.id, input.departmentId));
  if (!dept || (ctx.user.role !== 'system_admin' && ctx.user.departmentId !== dept.id)) {
    throw new NotFound(`department ${input.departmentId}`);
  }
  assertManagesDepartment(ctx.user, dept.id);
  return mutate(ctx, async (tx) => {
    const [dup] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.departmentId, dept.id), eq(projects.name, input.name)));
    if (dup) throw new Conflict(`project "${input.name}" already exists in department "${dept.name}"`);
    const [row] = await tx
      .insert(projects)
      .values({ id: newId(), departmentId: dept.id, name: input.name, description: input.description, createdAt: ctx.clock.now() })
      .returning();
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'project', resourceId: row.id, resourceName: row.name,
      departmentId: dept.id, projectId: row.id, after: row,
    });
    return { ...row, departmentName: dept.name };
  });
}

export async function updateProject(ctx: Ctx, id: string, input: ProjectUpdate): Promise<ProjectView> {
  const before = await getProject(ctx, id);
  assertManagesDepartment(ctx.user, before.departmentId);
  return mutate(ctx, async (tx) => {
    const [row] = await tx.update(projects).set(input).where(eq(projects.id, id)).returning();
    await recordAudit(ctx, tx, {
      action: 'update', resourceType: 'project', resourceId: id, resourceName: row.name,
      departmentId: row.departmentId, projectId: id, before, after: row,
    });
    return { ...row, departmentName: before.departmentName };
  });
}

export async function deleteProject(ctx: Ctx, id: string): Promise<void> {
  const before = await getProject(ctx, id);
  assertManagesDepartment(ctx.user, before.departmentId);
  await mutate(ctx, async (tx) => {
    await tx.delete(projects).where(eq(projects.id, id));
    await recordAudit(ctx, tx, {
      action: 'delete', resourceType: 'project', resourceId: id, resourceName: before.name,
      departmentId: before.departmentId, projectId: id, before,
    });
  });
}
