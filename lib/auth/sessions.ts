import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Clock } from '../context';
import { checkCredentials } from './sign-in';
import { issueToken, revokeSecret, SESSION_TTL_MS, type IssuedToken } from './tokens';

export const SESSION_COOKIE = 'pier_session';

/** Console sign-in: checks the password and opens a browser session. */
export async function openSession(
  db: Db,
  clock: Clock,
  input: { name: string; password: string; address: string | null },
): Promise<IssuedToken> {
  const now = clock.now();
  const user = await checkCredentials(db, { name: input.name, password: input.password, address: input.address, now });
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const issued = await issueToken(t, { userId: user.id, kind: 'session', now, ttlMs: SESSION_TTL_MS });
    await t.insert(auditLog).values({
      at: now, actorId: user.id, actorName: user.name, departmentId: user.departmentId, action: 'sign-in',
      resourceType: 'session', resourceId: issued.id, source: 'console',
    });
    return issued;
  });
}

export async function closeSession(db: Db, clock: Clock, secret: string): Promise<void> {
  await revokeSecret(db, secret, clock.now());
}
