import { and, count, eq, ilike, inArray } from 'drizzle-orm';
import { departments, imageRepositories, imageWorkspaces, projects, type ImageWorkspaceRow } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Ctx } from '../context';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { containsPattern } from '../org/paging';
import { visibleProjectsFilter } from '../org/scope';
import { assertCanWrite, isAdmin, ownWorkspacesFilter, requireWorkspace, visibleWorkspacesFilter } from './access';
import { limitOffset, orderOf, type CatalogList, type CatalogPage } from './list-options';
import { removeRepositoriesFromRegistry } from './registry-link';

export interface WorkspaceView {
  id: string;
  seq: number;
  name: string;
  public: boolean;
  projectId: string | null;
  projectName: string | null;
  departmentName: string | null;
  imageCount: number;
  /** Sum of the distinct manifests' sizes in the workspace; shared layers are counted once per image. */
  sizeBytes: number;
  createdAt: Date;
  updatedAt: Date;
}

export type WorkspaceOrder = 'id' | 'name' | 'created' | 'updated';

export interface WorkspaceListOptions extends CatalogList<WorkspaceOrder> {
  /** Only the caller's own projects' workspaces, not other projects' public ones (ECNS `all=false`). */
  mine?: boolean;
  /** Only this Pier project's workspaces. */
  projectId?: string;
}

const view = {
  id: imageWorkspaces.id,
  seq: imageWorkspaces.seq,
  name: imageWorkspaces.name,
  public: imageWorkspaces.public,
  projectId: imageWorkspaces.projectId,
  projectName: projects.name,
  departmentName: departments.name,
  imageCount: imageWorkspaces.imageCount,
  sizeBytes: imageWorkspaces.sizeBytes,
  createdAt: imageWorkspaces.createdAt,
  updatedAt: imageWorkspaces.updatedAt,
};

const orderColumns = {
  id: imageWorkspaces.seq,
  name: imageWorkspaces.name,
  created: imageWorkspaces.createdAt,
  updated: imageWorkspaces.updatedAt,
};

function normalize(row: WorkspaceView): WorkspaceView {
  return { ...row, imageCount: Number(row.imageCount), sizeBytes: Number(row.sizeBytes) };
}

export async function listWorkspaces(ctx: Ctx, o: WorkspaceListOptions = {}): Promise<CatalogPage<WorkspaceView>> {
  const filter = and(
    o.mine ? ownWorkspacesFilter(ctx) : visibleWorkspacesFilter(ctx),
    o.projectId ? eq(imageWorkspaces.projectId, o.projectId) : undefined,
    o.q ? ilike(imageWorkspaces.name, containsPattern(o.q)) : undefined,
  );
  const { limit, offset } = limitOffset(o);
  const base = ctx.db
    .select(view)
    .from(imageWorkspaces)
    .leftJoin(projects, eq(projects.id, imageWorkspaces.projectId))
    .leftJoin(departments, eq(departments.id, projects.departmentId))
    .where(filter)
    .orderBy(...orderOf(orderColumns, o.orderBy ?? 'id', o.order ?? 'desc', imageWorkspaces.id))
    .offset(offset);
  const [rows, [{ n }]] = await Promise.all([
    limit === undefined ? base : base.limit(limit),
    ctx.db.select({ n: count() }).from(imageWorkspaces).where(filter),
  ]);
  return { items: rows.map(normalize), total: Number(n) };
}

export async function getWorkspace(ctx: Ctx, name: string): Promise<WorkspaceView> {
  const ws = await requireWorkspace(ctx, name);
  const [row] = await ctx.db
    .select(view)
    .from(imageWorkspaces)
    .leftJoin(projects, eq(projects.id, imageWorkspaces.projectId))
    .leftJoin(departments, eq(departments.id, projects.departmentId))
    .where(eq(imageWorkspaces.id, ws.id));
  return normalize(row);
}

/**
 * Which Pier project a new workspace belongs to when the request does not say:
 * the credential's project scope, else the caller's first project (by
 * department and name); a system administrator without either creates a
 * system workspace.
 */
async function owningProject(ctx: Ctx, projectId: string | undefined): Promise<string | null> {
  const wanted = projectId ?? ctx.user.scopeProjectId ?? undefined;
  const filter = visibleProjectsFilter(ctx);
  if (wanted) {
    const [p] = await ctx.db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, wanted), filter)).limit(1);
    if (!p) throw new NotFound(`project ${wanted}`);
    return p.id;
  }
  if (ctx.user.role === 'system_admin') return null;
  const [first] = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(filter)
    .orderBy(departments.name, projects.name)
    .limit(1);
  if (!first) throw new Forbidden('you are not a member of any project');
  return first.id;
}

export interface WorkspaceCreate {
  name: string;
  public: boolean;
  projectId?: string;
}

export async function createWorkspace(ctx: Ctx, input: WorkspaceCreate): Promise<WorkspaceView> {
  if (ctx.user.role === 'visitor') throw new Forbidden('visitors may not create workspaces');
  const projectId = await owningProject(ctx, input.projectId);
  await mutate(ctx, async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(imageWorkspaces)
      .values({ id: newId(), name: input.name, public: input.public, projectId, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: imageWorkspaces.name })
      .returning();
    if (!row) throw new Conflict(`workspace "${input.name}" already exists`);
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'image_workspace', resourceId: row.id, resourceName: row.name,
      projectId, departmentId: await departmentOf(tx as unknown as Ctx['db'], projectId), after: row,
    });
  });
  return getWorkspace(ctx, input.name);
}

async function departmentOf(db: Ctx['db'], projectId: string | null): Promise<string | null> {
  if (!projectId) return null;
  const [p] = await db.select({ d: projects.departmentId }).from(projects).where(eq(projects.id, projectId));
  return p?.d ?? null;
}

export async function setWorkspacePublic(ctx: Ctx, name: string, isPublic: boolean): Promise<WorkspaceView> {
  const ws = await requireWorkspace(ctx, name);
  await assertCanWrite(ctx, ws);
  await mutate(ctx, async (tx) => {
    const [row] = await tx
      .update(imageWorkspaces)
      .set({ public: isPublic, updatedAt: ctx.clock.now() })
      .where(eq(imageWorkspaces.id, ws.id))
      .returning();
    await recordAudit(ctx, tx, {
      action: 'update', resourceType: 'image_workspace', resourceId: ws.id, resourceName: ws.name,
      projectId: ws.projectId, departmentId: await departmentOf(tx as unknown as Ctx['db'], ws.projectId), before: ws, after: row,
    });
  });
  return getWorkspace(ctx, name);
}

/**
 * Deletes workspaces, all or none. One that still holds repositories is
 * refused with 409 unless `force` is given by an administrator, in which case
 * its images leave the registry too.
 */
export async function deleteWorkspaces(ctx: Ctx, names: string[], opts: { force?: boolean } = {}): Promise<void> {
  if (names.length === 0) throw new Invalid({ harbor_projects: 'at least one workspace' });
  if (opts.force && !isAdmin(ctx)) throw new Forbidden('only an administrator may force the deletion of a workspace with images');
  const targets: ImageWorkspaceRow[] = [];
  for (const name of new Set(names)) {
    const ws = await requireWorkspace(ctx, name);
    await assertCanWrite(ctx, ws);
    targets.push(ws);
  }
  const ids = targets.map((w) => w.id);
  const repos = await ctx.db
    .select({ workspace: imageWorkspaces.name, name: imageRepositories.name })
    .from(imageRepositories)
    .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId))
    .where(inArray(imageRepositories.workspaceId, ids));
  if (repos.length > 0 && !opts.force) {
    const busy = [...new Set(repos.map((r) => r.workspace))];
    throw new Conflict(`workspace ${busy.map((b) => `"${b}"`).join(', ')} still holds images; delete them first`);
  }
  await mutate(ctx, async (tx) => {
    for (const ws of targets) {
      await tx.delete(imageWorkspaces).where(eq(imageWorkspaces.id, ws.id));
      await recordAudit(ctx, tx, {
        action: 'delete', resourceType: 'image_workspace', resourceId: ws.id, resourceName: ws.name,
        projectId: ws.projectId, departmentId: await departmentOf(tx as unknown as Ctx['db'], ws.projectId), before: ws,
        after: opts.force ? { forced: true, repositories: repos.filter((r) => r.workspace === ws.name).length } : undefined,
      });
    }
  });
  await removeRepositoriesFromRegistry(repos.map((r) => `${r.workspace}/${r.name}`));
}
