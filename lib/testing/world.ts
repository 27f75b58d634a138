import { afterAll, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db, Store } from '@/db/client';
import { departments, memberships, projects, users } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { seedFirstStart, type SeedResult } from '@/db/seed';
import { hashPassword } from '@/lib/auth/password';
import type { Caller, Clock, Ctx } from '@/lib/context';
import { systemClock } from '@/lib/context';
import { useStore as installStore } from '@/lib/http/store';
import { openTestStore, type TestStore } from './store';

/** Known passwords of the seeded accounts. */
export const ADMIN_PASSWORD = 'admin-test-pass';
export const DEMO_PASSWORD = 'demo-test-pass';
/** Password of the second department's users (oadmin, odev). */
export const OTHER_PASSWORD = 'other-test-pass';

export type UserName = 'admin' | 'ops' | 'dev' | 'guest' | 'oadmin' | 'odev';

export interface Named {
  id: string;
  name: string;
}

/**
 * A migrated store holding what first start seeds (admin; department Demo with
 * projects alpha and beta; ops = Demo admin, dev = developer in alpha,
 * guest = visitor in alpha) plus a second department "Other" with project
 * gamma, its admin `oadmin` and developer `odev` (member of gamma).
 */
export interface World {
  testStore: TestStore;
  store: Store;
  db: Db;
  seed: SeedResult;
  departments: { demo: Named; other: Named };
  projects: { alpha: Named; beta: Named; gamma: Named };
  users: Record<UserName, Caller>;
  passwords: Record<UserName, string>;
  /** A context for a core call as `who` (a seeded user's name or any caller). */
  ctx(who: UserName | Caller, opts?: { clock?: Clock; source?: string }): Ctx;
  dispose(): Promise<void>;
}

export function callerOf(row: { id: string; name: string; role: Caller['role']; departmentId: string | null }): Caller {
  return { id: row.id, name: row.name, role: row.role, departmentId: row.departmentId, scopeProjectId: null, tokenId: null };
}

export async function loadCaller(db: Db, name: string): Promise<Caller> {
  const [row] = await db.select().from(users).where(eq(users.name, name));
  if (!row) throw new Error(`no user ${name}`);
  return callerOf(row);
}

export async function createWorld(opts: { now?: Date } = {}): Promise<World> {
  const testStore = await openTestStore();
  const { store } = testStore;
  const db = store.db;
  const now = opts.now ?? new Date();
  const seed = await seedFirstStart(db, { adminPassword: ADMIN_PASSWORD, demo: true, demoPassword: DEMO_PASSWORD, now });

  const [demo] = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.name, 'Demo'));
  const demoProjects = await db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.departmentId, demo.id));
  const alpha = demoProjects.find((p) => p.name === 'alpha')!;
  const beta = demoProjects.find((p) => p.name === 'beta')!;

  const other = { id: newId(), name: 'Other' };
  const gamma = { id: newId(), name: 'gamma' };
  const otherHash = await hashPassword(OTHER_PASSWORD);
  const oadmin = newId();
  const odev = newId();
  await db.insert(departments).values({ ...other, description: 'second department (test fixture)', createdAt: now });
  await db.insert(projects).values({ ...gamma, departmentId: other.id, description: '', createdAt: now });
  await db.insert(users).values([
    { id: oadmin, name: 'oadmin', role: 'admin', departmentId: other.id, passwordHash: otherHash, createdAt: now, passwordChangedAt: now },
    { id: odev, name: 'odev', role: 'developer', departmentId: other.id, passwordHash: otherHash, createdAt: now, passwordChangedAt: now },
  ]);
  await db.insert(memberships).values({ userId: odev, projectId: gamma.id, createdAt: now });

  const names: UserName[] = ['admin', 'ops', 'dev', 'guest', 'oadmin', 'odev'];
  const list = await Promise.all(names.map((n) => loadCaller(db, n)));
  const byName = Object.fromEntries(names.map((n, i) => [n, list[i]])) as Record<UserName, Caller>;

  return {
    testStore,
    store,
    db,
    seed,
    departments: { demo, other },
    projects: { alpha, beta, gamma },
    users: byName,
    passwords: {
      admin: ADMIN_PASSWORD, ops: DEMO_PASSWORD, dev: DEMO_PASSWORD, guest: DEMO_PASSWORD,
      oadmin: OTHER_PASSWORD, odev: OTHER_PASSWORD,
    },
    ctx(who, o = {}) {
      const user = typeof who === 'string' ? byName[who] : who;
      return { db, user, clock: o.clock ?? systemClock, source: o.source ?? 'console' };
    },
    dispose: () => testStore.dispose(),
  };
}

/**
 * Registers beforeAll/afterAll hooks that build a World for this file and
 * install its store as the one route handlers use. Read it after beforeAll.
 */
export function setupWorld(): World {
  let world: World | undefined;
  beforeAll(async () => {
    world = await createWorld();
    installStore(world.store);
  });
  afterAll(async () => {
    installStore(null);
    await world?.dispose();
  });
  return new Proxy({} as World, {
    get(_t, key) {
      if (!world) throw new Error('the test world is built in beforeAll; read it inside a test or hook');
      return world[key as keyof World];
    },
  });
}

/**
 * A bearer secret for `who`, issued straight in the store (no password check,
 * so no argon2 cost and no sign-in limit involved).
 */
export async function tokenFor(
  w: World,
  who: UserName,
  opts: { kind?: 'session' | 'personal' | 'keystone'; projectId?: string; now?: Date; ttlMs?: number } = {},
): Promise<string> {
  const { issueToken } = await import('@/lib/auth/tokens');
  const issued = await issueToken(w.db, {
    userId: w.users[who].id,
    kind: opts.kind ?? 'personal',
    now: opts.now ?? new Date(),
    ttlMs: opts.ttlMs ?? 3600_000,
    projectId: opts.projectId,
  });
  return issued.secret;
}
