import { and, desc, eq, gt, isNull } from 'drizzle-orm';
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

/** The caller a secret stands for, or null if unknown, expired, revoked or the user is disabled. */
export async function resolveToken(db: Db, secret: string, now: Date): Promise<Caller | null> {
  if (!secret || secret.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: tokens.id,
      projectId: tokens.projectId,
      lastUsedAt: tokens.lastUsedAt,
      id: users.id,
      name: users.name,
      role: users.role,
      departmentId: users.departmentId,
    })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(
      and(
        eq(tokens.secretHash, hashSecret(secret)),
        isNull(tokens.revokedAt),
        gt(tokens.expiresAt, now),
        eq(users.disabled, false),
      ),
    )
    .limit(1);
  if (!row) return null;
  // Touch last-used at most once a minute so reads stay cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(tokens).set({ lastUsedAt: now }).where(eq(tokens.id, row.tokenId));
  }
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    departmentId: row.departmentId,
    scopeProjectId: row.projectId,
    tokenId: row.tokenId,
  };
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
