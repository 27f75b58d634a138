import { and, asc, count, eq, ilike } from 'drizzle-orm';
import { imageThirdRegistries, projects } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Ctx } from '../context';
import { Conflict, Forbidden, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { containsPattern } from '../org/paging';
import { visibleProjectsFilter } from '../org/scope';
import { limitOffset, type CatalogPage } from './list-options';
import { seal, unseal } from '../secrets/seal';

/** A third-party registry as shown: never the password. */
export interface ThirdRegistryView {
  id: string;
  name: string;
  address: string;
  username: string;
  projectId: string;
  projectName: string;
  createdAt: Date;
}

const view = {
  id: imageThirdRegistries.id,
  name: imageThirdRegistries.name,
  address: imageThirdRegistries.address,
  username: imageThirdRegistries.username,
  projectId: imageThirdRegistries.projectId,
  projectName: projects.name,
  createdAt: imageThirdRegistries.createdAt,
};

function visible(ctx: Ctx) {
  return visibleProjectsFilter(ctx);
}

export async function listThirdRegistries(
  ctx: Ctx,
  o: { page?: number; pageSize?: number; q?: string; projectId?: string } = {},
): Promise<CatalogPage<ThirdRegistryView>> {
  const filter = and(
    visible(ctx),
    o.projectId ? eq(imageThirdRegistries.projectId, o.projectId) : undefined,
    o.q ? ilike(imageThirdRegistries.name, containsPattern(o.q)) : undefined,
  );
  const { limit, offset } = limitOffset(o);
  const base = ctx.db
    .select(view)
    .from(imageThirdRegistries)
    .innerJoin(projects, eq(projects.id, imageThirdRegistries.projectId))
    .where(filter)
    .orderBy(asc(imageThirdRegistries.name), asc(imageThirdRegistries.id))
    .offset(offset);
  const [items, [{ n }]] = await Promise.all([
    limit === undefined ? base : base.limit(limit),
    ctx.db.select({ n: count() }).from(imageThirdRegistries).innerJoin(projects, eq(projects.id, imageThirdRegistries.projectId)).where(filter),
  ]);
  return { items, total: Number(n) };
}

/** By the user-chosen name (ote's repositoryId) or the internal id, within what the caller may see. */
async function find(ctx: Ctx, key: string): Promise<ThirdRegistryView> {
  const rows = await ctx.db
    .select(view)
    .from(imageThirdRegistries)
    .innerJoin(projects, eq(projects.id, imageThirdRegistries.projectId))
    .where(and(visible(ctx), eq(imageThirdRegistries.name, key)))
    .orderBy(asc(projects.name))
    .limit(1);
  if (rows[0]) return rows[0];
  const [byId] = await ctx.db
    .select(view)
    .from(imageThirdRegistries)
    .innerJoin(projects, eq(projects.id, imageThirdRegistries.projectId))
    .where(and(visible(ctx), eq(imageThirdRegistries.id, key)));
  if (!byId) throw new NotFound('third-party registry', `third-party registry "${key}" not found`);
  return byId;
}

export const getThirdRegistry = find;

/** The stored credential, for the code that pulls with it (never for a response). */
export async function thirdRegistryCredential(ctx: Ctx, key: string): Promise<{ address: string; username: string; password: string }> {
  const r = await find(ctx, key);
  const [row] = await ctx.db.select({ sealed: imageThirdRegistries.passwordSealed }).from(imageThirdRegistries).where(eq(imageThirdRegistries.id, r.id));
  return { address: r.address, username: r.username, password: unseal(row.sealed, r.id) };
}

async function writableProject(ctx: Ctx, projectId?: string): Promise<{ id: string; departmentId: string }> {
  if (ctx.user.role === 'visitor') throw new Forbidden('visitors may not change registries');
  const wanted = projectId ?? ctx.user.scopeProjectId ?? undefined;
  const [p] = await ctx.db
    .select({ id: projects.id, departmentId: projects.departmentId })
    .from(projects)
    .where(and(visible(ctx), wanted ? eq(projects.id, wanted) : undefined))
    .orderBy(asc(projects.name))
    .limit(1);
  if (!p) {
    if (wanted) throw new NotFound(`project ${wanted}`);
    throw new Forbidden('you are not a member of any project');
  }
  return p;
}

export interface ThirdRegistryCreate {
  name?: string;
  address: string;
  username: string;
  password: string;
  projectId?: string;
}

export async function createThirdRegistry(ctx: Ctx, input: ThirdRegistryCreate): Promise<ThirdRegistryView> {
  const project = await writableProject(ctx, input.projectId);
  const id = newId();
  const name = input.name ?? id.slice(0, 8);
  await mutate(ctx, async (tx) => {
    const [row] = await tx
      .insert(imageThirdRegistries)
      .values({
        id, projectId: project.id, name, address: input.address, username: input.username,
        passwordSealed: seal(input.password, id), createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: imageThirdRegistries.id });
    if (!row) throw new Conflict(`third-party registry "${name}" already exists`);
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'image_third_registry', resourceId: id, resourceName: name,
      projectId: project.id, departmentId: project.departmentId, after: { name, address: input.address, username: input.username },
    });
  });
  return find(ctx, id);
}

export async function deleteThirdRegistry(ctx: Ctx, key: string): Promise<void> {
  const r = await find(ctx, key);
  await writableProject(ctx, r.projectId);
  await mutate(ctx, async (tx) => {
    await tx.delete(imageThirdRegistries).where(eq(imageThirdRegistries.id, r.id));
    await recordAudit(ctx, tx, {
      action: 'delete', resourceType: 'image_third_registry', resourceId: r.id, resourceName: r.name,
      projectId: r.projectId, before: { name: r.name, address: r.address, username: r.username },
    });
  });
}
