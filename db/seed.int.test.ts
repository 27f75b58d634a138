import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, clusters, departments, k8sObjects, memberships, projects, users } from '@/db/schema';
import { seedFirstStart, seedOptionsFromEnv } from '@/db/seed';
import { verifyPassword } from '@/lib/auth/password';
import { firstStartBanner } from '@/lib/tooling/setup';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { tableCounts } from '@/lib/testing/db';

let ts: TestStore | undefined;
afterEach(async () => {
  await ts?.dispose();
  ts = undefined;
});

async function fresh() {
  ts = await openTestStore();
  return ts.store.db;
}

describe('first-start seeding', () => {
  it('creates admin and the demo data, with generated passwords it reports once', async () => {
    const db = await fresh();
    const r = await seedFirstStart(db, seedOptionsFromEnv({}));
    expect(r.seeded).toBe(true);
    expect(r.adminPassword).toEqual({ value: expect.any(String), generated: true });
    expect(r.demoPassword).toEqual({ value: expect.any(String), generated: true });
    expect(r.adminPassword!.value.length).toBeGreaterThanOrEqual(12);
    expect(r.adminPassword!.value).not.toBe(r.demoPassword!.value);

    const all = await db.select().from(users);
    const by = Object.fromEntries(all.map((u) => [u.name, u]));
    expect(Object.keys(by).sort()).toEqual(['admin', 'dev', 'guest', 'ops']);
    expect(by.admin).toMatchObject({ role: 'system_admin', departmentId: null });
    const [demo] = await db.select().from(departments);
    expect(demo.name).toBe('Demo');
    expect(by.ops).toMatchObject({ role: 'admin', departmentId: demo.id });
    expect(by.dev).toMatchObject({ role: 'developer', departmentId: demo.id });
    expect(by.guest).toMatchObject({ role: 'visitor', departmentId: demo.id });
    const ps = await db.select().from(projects).where(eq(projects.departmentId, demo.id));
    expect(ps.map((p) => p.name).sort()).toEqual(['alpha', 'beta']);
    const alpha = ps.find((p) => p.name === 'alpha')!;
    const ms = await db.select().from(memberships);
    expect(ms.map((m) => [m.userId, m.projectId]).sort()).toEqual([[by.dev.id, alpha.id], [by.guest.id, alpha.id]].sort());

    expect(await verifyPassword(by.admin.passwordHash, r.adminPassword!.value)).toBe(true);
    for (const n of ['ops', 'dev', 'guest']) expect(await verifyPassword(by[n].passwordHash, r.demoPassword!.value)).toBe(true);
    expect(by.admin.passwordHash).toMatch(/^\$argon2id\$/);

    const banner = firstStartBanner(r).join('\n');
    expect(banner).toContain(r.adminPassword!.value);
    expect(banner).toContain(r.demoPassword!.value);
    expect((await db.select().from(auditLog)).every((a) => a.action === 'seed')).toBe(true);
  });

  it('a second start seeds nothing, prints nothing and keeps everything', async () => {
    const db = await fresh();
    await seedFirstStart(db, seedOptionsFromEnv({ PIER_ADMIN_PASSWORD: 'first-admin' }));
    const before = await tableCounts(db);
    const again = await seedFirstStart(db, seedOptionsFromEnv({ PIER_ADMIN_PASSWORD: 'other-admin' }));
    expect(again).toEqual({ seeded: false });
    expect(firstStartBanner(again)).toEqual([]);
    expect(await tableCounts(db)).toEqual(before);
    const [admin] = await db.select().from(users).where(eq(users.name, 'admin'));
    expect(await verifyPassword(admin.passwordHash, 'first-admin')).toBe(true);
  });

  it('PIER_SEED_DEMO=false seeds only admin; given passwords are used and not printed', async () => {
    const db = await fresh();
    const r = await seedFirstStart(db, seedOptionsFromEnv({ PIER_SEED_DEMO: 'false', PIER_ADMIN_PASSWORD: 'given-admin-pass' }));
    expect(r).toMatchObject({ seeded: true, adminPassword: { value: 'given-admin-pass', generated: false } });
    expect(r.demoPassword).toBeUndefined();
    expect((await db.select().from(users)).map((u) => u.name)).toEqual(['admin']);
    expect(await db.select().from(departments)).toEqual([]);
    expect(await db.select().from(projects)).toEqual([]);
    expect(firstStartBanner(r).join('\n')).not.toContain('given-admin-pass');
    // The local cluster is there, without the demo projects' namespaces.
    expect((await db.select().from(clusters)).map((c) => c.name)).toEqual(['local']);
    expect(await namespaceNames(db)).toEqual(['default', 'kube-system']);
  });

  it('with the demo data, the local cluster has namespaces alpha and beta for the demo projects', async () => {
    const db = await fresh();
    await seedFirstStart(db, seedOptionsFromEnv({}));
    expect(await namespaceNames(db)).toEqual(['alpha', 'beta', 'default', 'kube-system']);
  });

  it('PIER_DEMO_PASSWORD sets the demo users\' password', async () => {
    const db = await fresh();
    const r = await seedFirstStart(db, seedOptionsFromEnv({ PIER_DEMO_PASSWORD: 'given-demo-pass' }));
    expect(r.demoPassword).toEqual({ value: 'given-demo-pass', generated: false });
    expect(r.adminPassword!.generated).toBe(true);
    const [dev] = await db.select().from(users).where(eq(users.name, 'dev'));
    expect(await verifyPassword(dev.passwordHash, 'given-demo-pass')).toBe(true);
    const banner = firstStartBanner(r).join('\n');
    expect(banner).toContain(r.adminPassword!.value);
    expect(banner).not.toContain('given-demo-pass');
  });
});

async function namespaceNames(db: Parameters<typeof seedFirstStart>[0]): Promise<string[]> {
  const rows = await db.select({ name: k8sObjects.name }).from(k8sObjects).where(eq(k8sObjects.resource, 'namespaces'));
  return rows.map((r) => r.name).sort();
}
