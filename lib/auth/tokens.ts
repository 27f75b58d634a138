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
  const r = await inspectTokenHash(db, hashSecret(secret), now);
  return r.caller ? { caller: r.caller } : { problem: r.problem };
}

async function inspectTokenHash(
  db: Db,
  secretHash: string,
  now: Date,
): Promise<{ caller: Caller; expiresAt: number; problem?: undefined } | { caller?: undefined; problem: TokenProblem }> {
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
    .where(eq(tokens.secretHash, secretHash))
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
    expiresAt: row.expiresAt.getTime(),
  };
}

/**
 * How long a verified token is taken as valid again without asking the store
 * (PIER_TOKEN_CACHE_MS; 0 turns it off). Revoking a token, disabling its user
 * or changing the user's role reaches a remembered token within this time;
 * `revokeSecret` in this process forgets it at once. Failures are never
 * remembered. (The apiserver caches webhook token reviews for two minutes
 * by default.) Used by the simulated clusters' API, whose machine clients
 * send a request per list page, per write and per watch.
 */
export const TOKEN_CACHE_MS = Number(process.env.PIER_TOKEN_CACHE_MS ?? 5000);
const CACHE_ENTRIES = 10_000;

interface Remembered {
  caller: Caller;
  /** The store that answered: a hit counts only for the same store (tests open many). */
  db: Db;
  /** Epoch ms: until when the entry may answer, and when the token itself expires. */
  until: number;
  expiresAt: number;
}

/**
 * Keyed by the secret's hash, on globalThis: Next.js's bundle and Pier's own
 * server modules are separate module instances in one process and must
 * share it.
 */
function remembered(): Map<string, Remembered> {
  const key = Symbol.for('pier.tokenCache');
  const g = globalThis as { [key]?: Map<string, Remembered> };
  return (g[key] ??= new Map());
}

/**
 * `inspectToken`, remembering successes for TOKEN_CACHE_MS (never past the
 * token's own expiry). For the simulated clusters' API, where one kubectl
 * command or informer sends many requests with the same token.
 */
export async function inspectTokenCached(
  db: Db,
  secret: string,
  now: Date,
): Promise<{ caller: Caller; problem?: undefined } | { caller?: undefined; problem: TokenProblem }> {
  if (TOKEN_CACHE_MS <= 0 || !secret || secret.length > 200) return inspectToken(db, secret, now);
  const hash = hashSecret(secret);
  const cache = remembered();
  const t = now.getTime();
  const hit = cache.get(hash);
  if (hit && hit.db === db && t < hit.until && t < hit.expiresAt) return { caller: hit.caller };
  cache.delete(hash);
  const r = await inspectTokenHash(db, hash, now);
  if (r.caller) {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(hash, { caller: r.caller, db, until: t + TOKEN_CACHE_MS, expiresAt: r.expiresAt });
    return { caller: r.caller };
  }
  return { problem: r.problem };
}

/** The caller a secret stands for, or null if unknown, expired, revoked or the user is disabled. */
export async function resolveToken(db: Db, secret: string, now: Date): Promise<Caller | null> {
  return (await inspectToken(db, secret, now)).caller ?? null;
}

export async function revokeSecret(db: Db, secret: string, now: Date): Promise<void> {
  await db.update(tokens).set({ revokedAt: now }).where(eq(tokens.secretHash, hashSecret(secret)));
  remembered().delete(hashSecret(secret));
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
