import { and, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { departments, imageRepositories, imageTags, imageWorkspaces, projects, type ImageConstraint } from '@/db/schema';
import type { Ctx } from '../context';
import { Forbidden, Invalid, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { containsPattern } from '../org/paging';
import { assertCanWrite, requireWorkspace, visibleWorkspacesFilter } from './access';
import { limitOffset, orderOf, type CatalogList, type CatalogPage } from './list-options';
import { removeRepositoriesFromRegistry } from './registry-link';

export interface RepositoryView {
  id: string;
  seq: number;
  workspaceId: string;
  workspace: string;
  public: boolean;
  name: string;
  /** `workspace/name`, as it is pulled. */
  fullName: string;
  description: string;
  pullCount: number;
  weight: number;
  constraint: ImageConstraint | null;
  tagCount: number;
  /** Distinct manifests' sizes. */
  sizeBytes: number;
  projectId: string | null;
  projectName: string | null;
  departmentName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type RepositoryOrder = 'id' | 'name' | 'created' | 'updated' | 'pulls';

export interface RepositoryListOptions extends CatalogList<RepositoryOrder> {
  workspace?: string;
  /** true: public workspaces only; false: private only. */
  public?: boolean;
  /** Pier project owning the workspace. */
  projectId?: string;
}

const tagCount = sql<number>`(select count(*)::int from ${imageTags} t where t.repository_id = ${imageRepositories.id})`;
const sizeBytes = sql<number>`(select coalesce(sum(s.size), 0)::bigint from (
  select distinct t.digest, t.size from ${imageTags} t where t.repository_id = ${imageRepositories.id}) s)`;
const fullName = sql<string>`${imageWorkspaces.name} || '/' || ${imageRepositories.name}`;

const view = {
  id: imageRepositories.id,
  seq: imageRepositories.seq,
  workspaceId: imageRepositories.workspaceId,
  workspace: imageWorkspaces.name,
  public: imageWorkspaces.public,
  name: imageRepositories.name,
  fullName,
  description: imageRepositories.description,
  pullCount: imageRepositories.pullCount,
  weight: imageRepositories.weight,
  constraint: imageRepositories.constraint,
  tagCount,
  sizeBytes,
  projectId: imageWorkspaces.projectId,
  projectName: projects.name,
  departmentName: departments.name,
  createdAt: imageRepositories.createdAt,
  updatedAt: imageRepositories.updatedAt,
};

const orderColumns = {
  id: imageRepositories.seq,
  name: fullName,
  created: imageRepositories.createdAt,
  updated: imageRepositories.updatedAt,
  pulls: imageRepositories.pullCount,
};

function normalize(r: RepositoryView): RepositoryView {
  return { ...r, tagCount: Number(r.tagCount), sizeBytes: Number(r.sizeBytes) };
}

function selectRepositories(ctx: Ctx, filter: SQL | undefined) {
  return ctx.db
    .select(view)
    .from(imageRepositories)
    .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId))
    .leftJoin(projects, eq(projects.id, imageWorkspaces.projectId))
    .leftJoin(departments, eq(departments.id, projects.departmentId))
    .where(filter);
}

export async function listRepositories(ctx: Ctx, o: RepositoryListOptions = {}): Promise<CatalogPage<RepositoryView>> {
  const ws = o.workspace ? await requireWorkspace(ctx, o.workspace) : undefined;
  // Within one workspace its visibility was just checked; the plain
  // workspace filter lets the (workspace_id, name) index do the work.
  const filter = and(
    ws ? eq(imageRepositories.workspaceId, ws.id) : visibleWorkspacesFilter(ctx),
    o.public === undefined ? undefined : eq(imageWorkspaces.public, o.public),
    o.projectId ? eq(imageWorkspaces.projectId, o.projectId) : undefined,
    o.q ? or(ilike(imageRepositories.name, containsPattern(o.q)), ilike(fullName, containsPattern(o.q))) : undefined,
  );
  const { limit, offset } = limitOffset(o);
  // The page's ids first, ordered and limited on plain columns; tag counts and
  // sizes are then computed for those rows only, not for every match.
  const idsQuery = ctx.db
    .select({ id: imageRepositories.id })
    .from(imageRepositories)
    .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId))
    .where(filter)
    .orderBy(...orderOf(ws ? { ...orderColumns, name: imageRepositories.name } : orderColumns, o.orderBy ?? 'id', o.order ?? 'desc', imageRepositories.id))
    .offset(offset);
  const [ids, [{ n }]] = await Promise.all([
    limit === undefined ? idsQuery : idsQuery.limit(limit),
    ctx.db
      .select({ n: count() })
      .from(imageRepositories)
      .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId))
      .where(filter),
  ]);
  if (ids.length === 0) return { items: [], total: Number(n) };
  const rows = await selectRepositories(ctx, inArray(imageRepositories.id, ids.map((r) => r.id)));
  const byId = new Map(rows.map((r) => [r.id, normalize(r)]));
  return { items: ids.map((r) => byId.get(r.id)!), total: Number(n) };
}

export async function getRepository(ctx: Ctx, workspace: string, name: string): Promise<RepositoryView> {
  const ws = await requireWorkspace(ctx, workspace);
  const [row] = await selectRepositories(ctx, and(eq(imageRepositories.workspaceId, ws.id), eq(imageRepositories.name, name)));
  if (!row) throw new NotFound(`repository ${workspace}/${name}`, `repository "${workspace}/${name}" not found`);
  return normalize(row);
}

export interface RepositoryUpdate {
  description?: string;
  weight?: number;
  constraint?: ImageConstraint | null;
}

/** Description by anyone who may write the workspace; NetEase weight and constraint by administrators only. */
export async function updateRepository(ctx: Ctx, workspace: string, name: string, input: RepositoryUpdate): Promise<RepositoryView> {
  const before = await getRepository(ctx, workspace, name);
  const ws = await requireWorkspace(ctx, workspace);
  await assertCanWrite(ctx, ws);
  const adminFields = input.weight !== undefined || input.constraint !== undefined;
  if (adminFields && ctx.user.role !== 'system_admin' && ctx.user.role !== 'admin') {
    throw new Forbidden('only an administrator may set weight and constraint');
  }
  if (input.constraint) {
    const c = input.constraint;
    if (c.min_combo > c.max_combo) throw new Invalid({ 'constraint.min_combo': 'at most max_combo' });
    if (c.min_machine_spec > c.max_machine_spec) throw new Invalid({ 'constraint.min_machine_spec': 'at most max_machine_spec' });
  }
  await mutate(ctx, async (tx) => {
    const [row] = await tx
      .update(imageRepositories)
      .set({ ...input, updatedAt: ctx.clock.now() })
      .where(eq(imageRepositories.id, before.id))
      .returning();
    await recordAudit(ctx, tx, {
      action: 'update', resourceType: 'image_repository', resourceId: before.id, resourceName: before.fullName,
      projectId: before.projectId, before: { description: before.description, weight: before.weight, constraint: before.constraint },
      after: { description: row.description, weight: row.weight, constraint: row.constraint },
    });
  });
  return getRepository(ctx, workspace, name);
}

/** Deletes repositories with all their tags, all or none, then removes them from the registry. */
export async function deleteRepositories(ctx: Ctx, targets: { workspace: string; name: string }[]): Promise<void> {
  if (targets.length === 0) throw new Invalid({ images: 'at least one image' });
  const found: RepositoryView[] = [];
  for (const t of targets) {
    const repo = await getRepository(ctx, t.workspace, t.name);
    await assertCanWrite(ctx, await requireWorkspace(ctx, t.workspace));
    if (!found.some((f) => f.id === repo.id)) found.push(repo);
  }
  await mutate(ctx, async (tx) => {
    for (const repo of found) {
      await tx.delete(imageRepositories).where(eq(imageRepositories.id, repo.id));
      await recordAudit(ctx, tx, {
        action: 'delete', resourceType: 'image_repository', resourceId: repo.id, resourceName: repo.fullName,
        projectId: repo.projectId, before: { tags: repo.tagCount, sizeBytes: repo.sizeBytes },
      });
    }
  });
  await removeRepositoriesFromRegistry(found.map((r) => r.fullName));
}
