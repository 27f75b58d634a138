import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginFailures } from '@/db/schema';
import { TooManyRequests } from '../errors';

export const FAILURE_WINDOW_MS = 60_000;
/** More than this many failures in the window and further attempts get 429. */
export const MAX_FAILURES = 10;

export function failureKeys(userName: string, address: string | null): string[] {
  const keys = [`user:${userName.toLowerCase()}`];
  if (address) keys.push(`addr:${address}`);
  return keys;
}

/**
 * Takes a slot for one sign-in attempt, or throws TooManyRequests. The slot
 * is written before it is counted, so a burst of parallel attempts cannot all
 * pass the check before any failure is recorded: the k-th writer sees at
 * least k rows. A failed attempt leaves its row as the failure record; a
 * successful one gives it back with `releaseAttempt`.
 */
export async function reserveAttempt(db: Db, keys: string[], now: Date): Promise<number[]> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const mine = await db
    .insert(loginFailures)
    .values(keys.map((key) => ({ key, at: now })))
    .returning({ id: loginFailures.id });
  const ids = mine.map((r) => r.id);
  const rows = await db
    .select({ key: loginFailures.key, n: sql<number>`count(*)::int`, oldest: sql<string>`min(${loginFailures.at})` })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gte(loginFailures.at, since)))
    .groupBy(loginFailures.key);
  const limited = rows.filter((r) => Number(r.n) > MAX_FAILURES);
  if (limited.length === 0) return ids;
  // Refused attempts are not failures: they must not stretch the lockout.
  await releaseAttempt(db, ids);
  const oldest = Math.min(...limited.map((r) => new Date(r.oldest).getTime()));
  const retry = Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - now.getTime()) / 1000));
  throw new TooManyRequests(retry);
}

export async function releaseAttempt(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/** Old rows serve no purpose; pruned after a failure. */
export async function pruneFailures(db: Db, now: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - 10 * FAILURE_WINDOW_MS)));
}

export async function clearFailures(db: Db, userName: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, failureKeys(userName, null)[0]));
}
