import { issueToken } from '../auth/tokens';
import type { Ctx } from '../context';

import { recordAudit, mutate } from '../audit/record';
import type { Db } from '@/db/client';
import { registryAddress } from './address';

const LOGIN_TTL_MS = 12 * 3600_000;

/**
 * ECNS loginfo: what `docker login` needs. The password is a new personal
 * token of the caller (12 hours, named `registry-login`, revocable on the
 * profile page), because Pier keeps no password it could hand out.
 */
export async function registryLoginInfo(ctx: Ctx, publicHost: string) {
  const token = await mutate(ctx, async (tx) => {
    const t = await issueToken(tx as unknown as Db, {
      userId: ctx.user.id, kind: 'personal', name: 'registry-login', now: ctx.clock.now(), ttlMs: LOGIN_TTL_MS, projectId: ctx.user.scopeProjectId,
    });
    await recordAudit(ctx, tx, { action: 'issue', resourceType: 'token', resourceId: t.id, resourceName: 'registry-login' });
    return t;
  });
  return { username: ctx.user.name, password: token.secret, harbor_domain: registryAddress(), public_vip: publicHost };
}
