import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { newId } from '@/db/schema/ids';
import { tokens, users } from '@/db/schema';
import type { Caller } from '../context';
import { hashSecret, newSecret } from './secrets';

export type TokenKind = 'session' | 'personal' | 'keystone';

export const SESSION_TTL_MS = Number(process.env.PIER_SESSION_HOURS || 12) * 3600_000;
export const KEYSTONE_TTL_MS = 24 * 3600_000;

export interface IssuedToken {
  id: string;
  secret: string;
  expiresAt: Date;
}

export async function issueToken(
  db: Db,
  opts: { userId: string; kind: TokenKind; now: Date; ttlMs: number; name?: string; projectId?: string | null },
): Promise<IssuedToken> {
  const secret = newSecret();
  const id = newId();
  const expiresAt = new Date(opts.now.getTime() + opts.ttlMs);
  await db.insert(tokens).values({
    id,
    userId: opts.userId,
    kind: opts.kind,
    name: opts.name ?? '',
    secretHash: hashSecret(secret),
    prefix: secret.slice(0, 12),
    projectId: opts.projectId ?? null,
    createdAt: opts.now,
    expiresAt,
  });
  return { id, secret, expiresAt };
}

export type TokenProblem = 'unknown' | 'expired' | 'revoked' | 'disabled';

export const TOKEN_PROBLEM_TEXT: Record<TokenProblem, string> = {
  unknown: 'the token is not valid',
  expired: 'the token has expired',
  revoked: 'the token has been revoked',
  disabled: 'the account is disabled',
};

/** What a presented secret stands for: the caller, or why it is refused. */
export async function inspectToken(
  db: Db,
  secret: string,
  now: Date,
): Promise<{ caller: Caller; problem?: undefined } | { caller?: undefined; problem: TokenProblem }> {
  if (!secret || secret.length > 200) return { problem: 'unknown' };
  const [row] = await db
    .select({
      tokenId: tokens.id,
      projectId: tokens.projectId,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
      lastUsedAt: tokens.lastUsedAt,
      id: users.id,
      name: users.name,
      role: users.role,
      departmentId: users.departmentId,
      disabled: users.disabled,
    })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(eq(tokens.secretHash, hashSecret(secret)))
    .limit(1);
  if (!row) return { problem: 'unknown' };
  if (row.revokedAt) return { problem: 'revoked' };
  if (row.expiresAt.getTime() <= now.getTime()) return { problem: 'expired' };
  if (row.disabled) return { problem: 'disabled' };
  // Touch last-used at most once a minute so reads stay cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(tokens).set({ lastUsedAt: now }).where(eq(tokens.id, row.tokenId));
  }
  return {
    caller: {
      id: row.id,
      name: row.name,
      role: row.role,
      departmentId: row.departmentId,
      scopeProjectId: row.projectId,
      tokenId: row.tokenId,
    },
  };
}

/** The caller a secret stands for, or null if unknown, expired, revoked or the user is disabled. */
export async function resolveToken(db: Db, secret: string, now: Date): Promise<Caller | null> {
  return (await inspectToken(db, secret, now)).caller ?? null;
}

export async function revokeSecret(db: Db, secret: string, now: Date): Promise<void> {
  await db.update(tokens).set({ revokedAt: now }).where(eq(tokens.secretHash, hashSecret(secret)));
}

export async function listUserTokens(db: Db, userId: string, kind: TokenKind) {
  return db
    .select({
      id: tokens.id,
      name: tokens.name,
      prefix: tokens.prefix,
      createdAt: tokens.createdAt,
      expiresAt: tokens.expiresAt,
      lastUsedAt: tokens.lastUsedAt,
      revokedAt: tokens.revokedAt,
    })
    .from(tokens)
    .where(and(eq(tokens.userId, userId), eq(tokens.kind, kind)))
    .orderBy(desc(tokens.createdAt));
}
