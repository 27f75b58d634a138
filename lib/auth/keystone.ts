import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, departments, projects } from '@/db/schema';
import type { TokenRequest } from '../dialects/keystone/token-request';
import type { Caller, Clock } from '../context';
import { Invalid, Unauthorized } from '../errors';
import { visibleProjectsFilter } from '../org/scope';
import { DEFAULT_DOMAIN, checkCredentials } from './sign-in';
import { issueToken, KEYSTONE_TTL_MS } from './tokens';

export interface KeystoneToken {
  secret: string;
  body: {
    token: {
      methods: string[];
      issued_at: string;
      expires_at: string;
      user: { id: string; name: string; domain: { id: string; name: string } };
      project?: { id: string; name: string; domain: { id: string; name: string } };
      roles: { id: string; name: string }[];
    };
  };
}

function domainOf(departmentId: string | null, departmentName: string | null) {
  return departmentId ? { id: departmentId, name: departmentName ?? '' } : { id: 'default', name: DEFAULT_DOMAIN };
}

/** Keystone's timestamp form: microseconds and a Z. */
function keystoneTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * POST /v3/auth/tokens: password authentication, optionally scoped to one
 * project the user may see. A scoped token sees only that project.
 */
export async function issueKeystoneToken(db: Db, clock: Clock, req: TokenRequest, address: string | null): Promise<KeystoneToken> {
  const now = clock.now();
  const u = req.auth.identity.password.user;
  const domainName = u.domain && 'name' in u.domain ? u.domain.name : undefined;
  const user = await checkCredentials(db, { name: u.name, id: u.id, password: u.password, domainName, address, now });
  if (u.domain && 'id' in u.domain && u.domain.id !== (user.departmentId ?? 'default')) {
    throw new Unauthorized('The user name or password is wrong.');
  }
  const caller: Caller = {
    id: user.id, name: user.name, role: user.role, departmentId: user.departmentId, scopeProjectId: null, tokenId: null,
  };

  let project: { id: string; name: string; departmentId: string; departmentName: string } | undefined;
  const want = req.auth.scope?.project;
  if (want) {
    const visible = visibleProjectsFilter({ db, user: caller, clock, source: 'keystone' });
    const byDomain = want.domain
      ? 'name' in want.domain ? eq(departments.name, want.domain.name) : eq(departments.id, want.domain.id)
      : undefined;
    const rows = await db
      .select({ id: projects.id, name: projects.name, departmentId: projects.departmentId, departmentName: departments.name })
      .from(projects)
      .innerJoin(departments, eq(departments.id, projects.departmentId))
      .where(and(want.id ? eq(projects.id, want.id) : eq(projects.name, want.name ?? ''), byDomain, visible))
      .limit(2);
    // Keystone answers 401 for a scope the user has no role on; existence is not leaked.
    if (rows.length === 0) throw new Unauthorized('The request you have made requires authentication: no access to that project.');
    if (rows.length > 1) throw new Invalid({ 'auth.scope.project.domain': 'several projects have that name; name the domain' });
    project = rows[0];
  }

  const issued = await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const token = await issueToken(t, { userId: user.id, kind: 'keystone', now, ttlMs: KEYSTONE_TTL_MS, projectId: project?.id });
    await t.insert(auditLog).values({
      at: now, actorId: user.id, actorName: user.name, departmentId: user.departmentId, projectId: project?.id ?? null,
      action: 'issue-token', resourceType: 'token', resourceId: token.id, source: 'keystone',
    });
    return token;
  });

  return {
    secret: issued.secret,
    body: {
      token: {
        methods: ['password'],
        issued_at: keystoneTime(now),
        expires_at: keystoneTime(issued.expiresAt),
        user: { id: user.id, name: user.name, domain: domainOf(user.departmentId, user.departmentName) },
        ...(project
          ? { project: { id: project.id, name: project.name, domain: domainOf(project.departmentId, project.departmentName) } }
          : {}),
        roles: [{ id: user.role, name: user.role }],
      },
    },
  };
}
