import { and, eq } from 'drizzle-orm';
import { memberships, users } from '@/db/schema';
import type { Ctx } from '../context';
import { Conflict, Invalid, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { getProject } from './projects';
import { assertManagesDepartment } from './scope';

async function loadPair(ctx: Ctx, projectId: string, userId: string) {
  const project = await getProject(ctx, projectId);
  assertManagesDepartment(ctx.user, project.departmentId);
  const [user] = await ctx.db
    .select({ id: users.id, name: users.name, role: users.role, departmentId: users.departmentId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.departmentId !== project.departmentId) throw new NotFound(`user ${userId}`);
  return { project, user };
}

export async function addMember(ctx: Ctx, projectId: string, userId: string): Promise<void> {
  const { project, user } = await loadPair(ctx, projectId, userId);
  if (user.role === 'admin' || user.role === 'system_admin') {
    throw new Invalid({ userId: 'administrators already see every project of their department' });
  }
  await mutate(ctx, async (tx) => {
    const [dup] = await tx
      .select({ u: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.projectId, projectId)));
    if (dup) throw new Conflict(`${user.name} is already a member of ${project.name}`);
    await tx.insert(memberships).values({ userId, projectId, createdAt: ctx.clock.now() });
    await recordAudit(ctx, tx, {
      action: 'add-member', resourceType: 'project', resourceId: projectId, resourceName: project.name,
      departmentId: project.departmentId, projectId, after: { userId, userName: user.name },
    });
  });
}

export async function removeMember(ctx: Ctx, projectId: string, userId: string): Promise<void> {
  const { project, user } = await loadPair(ctx, projectId, userId);
  await mutate(ctx, async (tx) => {
    const gone = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.projectId, projectId)))
      .returning({ u: memberships.userId });
    if (gone.length === 0) throw new NotFound(`membership of ${user.name} in ${project.name}`);
    await recordAudit(ctx, tx, {
      action: 'remove-member', resourceType: 'project', resourceId: projectId, resourceName: project.name,
      departmentId: project.departmentId, projectId, before: { userId, userName: user.name },
    });
  });
}
