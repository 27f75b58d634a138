import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { departments, users } from '@/db/schema';
import { Unauthorized } from '../errors';
import { decoyHash, verifyPassword } from './password';
import { clearFailures, failureKeys, pruneFailures, releaseAttempt, reserveAttempt } from './rate-limit';

/** Keystone's name for the domain of users outside any department (system admins). */
export const DEFAULT_DOMAIN = 'Default';

export interface Credentials {
  /** Sign in by name, or by id (Keystone `user.id`). */
  name?: string;
  id?: string;
  password: string;
  /** Keystone `user.domain.name`: must be the user's department when given. */
  domainName?: string;
  address: string | null;
  now: Date;
}

/** The signed-in user's row, with their department's name (null for system admins). */
export type UserRow = typeof users.$inferSelect & { departmentName: string | null };

/**
 * Checks a password sign-in. Failures are counted per user and per client
 * address; past the limit every attempt is refused with 429 before the
 * password is looked at.
 */
export async function checkCredentials(db: Db, c: Credentials): Promise<UserRow> {
  const [row] = await db
    .select({ user: users, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(c.name !== undefined ? eq(users.name, c.name) : eq(users.id, c.id ?? ''))
    .limit(1);
  // Count by the user's name however they were named (by name or by id).
  const label = row?.user.name ?? c.name ?? c.id ?? '';
  const keys = failureKeys(label, c.address);
  const slot = await reserveAttempt(db, keys, c.now);

  const ok = row
    ? await verifyPassword(row.user.passwordHash, c.password)
    : (await verifyPassword(await decoyHash(), c.password), false);
  const domainOk =
    c.domainName === undefined || (row && (row.departmentName ?? DEFAULT_DOMAIN) === c.domainName);

  if (!row || !ok || !domainOk || row.user.disabled) {
    await pruneFailures(db, c.now);
    throw new Unauthorized('The user name or password is wrong.');
  }
  await releaseAttempt(db, slot);
  await clearFailures(db, label);
  return { ...row.user, departmentName: row.departmentName };
}
