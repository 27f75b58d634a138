import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { imageWorkspaces, projects, type ImageWorkspaceRow } from '@/db/schema';
import type { Ctx } from '../context';
import { Forbidden, NotFound } from '../errors';
import { visibleProjectsFilter } from '../org/scope';

/** The projects the caller may see, as a subquery. */
function visibleProjectIds(ctx: Ctx) {
  return ctx.db.select({ id: projects.id }).from(projects).where(visibleProjectsFilter(ctx));
}

function unrestricted(ctx: Ctx): boolean {
  return ctx.user.role === 'system_admin' && !ctx.user.scopeProjectId;
}

/**
 * Workspaces the caller may see: public ones, and private ones of projects the
 * caller may see. A private workspace of another project does not exist for them.
 */
export function visibleWorkspacesFilter(ctx: Ctx): SQL | undefined {
  if (unrestricted(ctx)) return undefined;
  return or(eq(imageWorkspaces.public, true), inArray(imageWorkspaces.projectId, visibleProjectIds(ctx)));
}

/** Workspaces of the caller's own projects (and, for a system admin, the system ones). */
export function ownWorkspacesFilter(ctx: Ctx): SQL | undefined {
  if (unrestricted(ctx)) return undefined;
  return inArray(imageWorkspaces.projectId, visibleProjectIds(ctx));
}

export async function requireWorkspace(ctx: Ctx, name: string): Promise<ImageWorkspaceRow> {
  const [row] = await ctx.db
    .select()
    .from(imageWorkspaces)
    .where(and(eq(imageWorkspaces.name, name), visibleWorkspacesFilter(ctx)))
    .limit(1);
  if (!row) throw new NotFound(`workspace ${name}`, `workspace "${name}" not found`);
  return row;
}

/**
 * Writing into a workspace (upload, delete, describe): never visitors; a
 * project's workspace by those who see the project; a system workspace by
 * system admins only.
 */
export async function assertCanWrite(ctx: Ctx, ws: ImageWorkspaceRow): Promise<void> {
  const u = ctx.user;
  if (u.role === 'visitor') throw new Forbidden('visitors may not change images');
  if (unrestricted(ctx)) return;
  if (ws.projectId === null) throw new Forbidden(`only a system administrator may change workspace "${ws.name}"`);
  const [own] = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, ws.projectId), visibleProjectsFilter(ctx)))
    .limit(1);
  if (!own) throw new Forbidden(`workspace "${ws.name}" belongs to another project`);
}

export function isAdmin(ctx: Ctx): boolean {
  return ctx.user.role === 'system_admin' || ctx.user.role === 'admin';
}
