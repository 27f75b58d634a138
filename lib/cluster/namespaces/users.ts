import { and, eq, inArray } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { Invalid } from '@/lib/errors';
import type { NsUser } from '@/lib/dialects/ecns/namespaces';

/**
 * user_ids may name only the project's members (the developers and visitors
 * it restricts; administrators see their department's namespaces anyway).
 * Each stranger is named by its place in the list.
 */
export async function checkNamespaceUsers(ctx: Ctx, projectId: string, users: NsUser[], field: string): Promise<void> {
  if (!users.length) return;
  const ids = [...new Set(users.map((u) => u.id))];
  const rows = await ctx.db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.projectId, projectId), inArray(memberships.userId, ids)));
  const known = new Set(rows.map((r) => r.id));
  const problems: Record<string, string> = {};
  users.forEach((u, i) => {
    if (!known.has(u.id)) problems[`${field}.${i}.id`] = `user "${u.id}" is not a member of the project`;
  });
  if (users.length !== ids.length) problems[field] = 'a user is named twice';
  if (Object.keys(problems).length) throw new Invalid(problems);
}

/** The annotation's value: only what identifies a user, so a renamed user is not left stale in clusters. */
export function usersAnnotation(users: NsUser[]): string | null {
  return users.length ? JSON.stringify(users.map((u) => ({ id: u.id, ...(u.name ? { name: u.name } : {}), ...(u.email ? { email: u.email } : {}) }))) : null;
}
