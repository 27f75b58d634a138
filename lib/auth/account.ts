import { and, eq, isNull, ne } from 'drizzle-orm';
import { departments, tokens, users } from '@/db/schema';
import type { PasswordChange, Prefs, TokenCreate } from '../dialects/pier/account';
import type { Role } from '../dialects/pier/org';
import type { Ctx } from '../context';
import { Invalid, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { hashPassword, verifyPassword } from './password';
import { issueToken, listUserTokens, type IssuedToken } from './tokens';

export interface Me {
  id: string;
  name: string;
  displayName: string;
  email: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  locale: string | null;
  theme: string;
}

export async function getMe(ctx: Ctx): Promise<Me> {
  const [row] = await ctx.db
    .select({
      id: users.id, name: users.name, displayName: users.displayName, email: users.email, role: users.role,
      departmentId: users.departmentId, departmentName: departments.name, locale: users.locale, theme: users.theme,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, ctx.user.id));
  if (!row) throw new NotFound('user');
  return row;
}

/** Changes the caller's password and signs out every other session of theirs. */
export async function changePassword(ctx: Ctx, input: PasswordChange): Promise<void> {
  const [row] = await ctx.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ctx.user.id));
  if (!row || !(await verifyPassword(row.hash, input.current))) {
    throw new Invalid({ current: 'the current password is wrong' });
  }
  const passwordHash = await hashPassword(input.next);
  const now = ctx.clock.now();
  await mutate(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, ctx.user.id));
    await tx
      .update(tokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(tokens.userId, ctx.user.id),
          eq(tokens.kind, 'session'),
          isNull(tokens.revokedAt),
          ne(tokens.id, ctx.user.tokenId ?? ''),
        ),
      );
    await recordAudit(ctx, tx, {
      action: 'change-password', resourceType: 'user', resourceId: ctx.user.id, resourceName: ctx.user.name,
      departmentId: ctx.user.departmentId,
    });
  });
}

export async function setPrefs(ctx: Ctx, input: Prefs): Promise<Me> {
  const before = await getMe(ctx);
  await mutate(ctx, async (tx) => {
    await tx.update(users).set(input).where(eq(users.id, ctx.user.id));
    await recordAudit(ctx, tx, {
      action: 'update-preferences', resourceType: 'user', resourceId: ctx.user.id, resourceName: ctx.user.name,
      departmentId: ctx.user.departmentId, before: { locale: before.locale, theme: before.theme }, after: input,
    });
  });
  return getMe(ctx);
}

export function listPersonalTokens(ctx: Ctx) {
  return listUserTokens(ctx.db, ctx.user.id, 'personal');
}

/** Creates a personal API token; its secret is returned here once and never again. */
export async function createPersonalToken(ctx: Ctx, input: TokenCreate): Promise<IssuedToken & { name: string }> {
  return mutate(ctx, async (tx) => {
    const issued = await issueToken(tx, {
      userId: ctx.user.id, kind: 'personal', name: input.name, now: ctx.clock.now(), ttlMs: input.expiresInDays * 86_400_000,
    });
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'token', resourceId: issued.id, resourceName: input.name, departmentId: ctx.user.departmentId,
      after: { name: input.name, expiresAt: issued.expiresAt },
    });
    return { ...issued, name: input.name };
  });
}

export async function revokePersonalToken(ctx: Ctx, id: string): Promise<void> {
  await mutate(ctx, async (tx) => {
    const done = await tx
      .update(tokens)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(tokens.id, id), eq(tokens.userId, ctx.user.id), eq(tokens.kind, 'personal'), isNull(tokens.revokedAt)))
      .returning({ name: tokens.name });
    if (done.length === 0) throw new NotFound(`token ${id}`);
    await recordAudit(ctx, tx, {
      action: 'revoke', resourceType: 'token', resourceId: id, resourceName: done[0].name, departmentId: ctx.user.departmentId,
    });
  });
}
