import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { auditLog, departments, memberships, projects, users } from './schema';
import { newId } from './schema/ids';
import { hashPassword } from '../lib/auth/password';
import { newPassword } from '../lib/auth/secrets';
import { seedLocalCluster } from '../lib/cluster/sim/seed';
import { seedImages } from '../lib/registry/catalog/seed';

export interface SeedResult {
  /** False when the store already held the system admin: nothing was done. */
  seeded: boolean;
  adminPassword?: { value: string; generated: boolean };
  demoPassword?: { value: string; generated: boolean };
}

export interface SeedOptions {
  adminPassword?: string;
  demo: boolean;
  demoPassword?: string;
  now: Date;
  /** The public `library` workspace with demo images in the registry (off unless asked: tests build their own). */
  images?: boolean;
}

export function seedOptionsFromEnv(env: Record<string, string | undefined>, now = new Date()): SeedOptions {
  return {
    adminPassword: env.PIER_ADMIN_PASSWORD || undefined,
    demo: env.PIER_SEED_DEMO !== 'false',
    demoPassword: env.PIER_DEMO_PASSWORD || undefined,
    now,
  };
}

/**
 * First start only: the system admin `admin` and, unless turned off, the demo
 * department. Run under the setup lock, so concurrent first starts seed once.
 */
export async function seedFirstStart(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.name, 'admin')).limit(1);
  if (existing) return { seeded: false };

  const admin = { value: opts.adminPassword ?? newPassword(), generated: !opts.adminPassword };
  const demo = opts.demo ? { value: opts.demoPassword ?? newPassword(), generated: !opts.demoPassword } : undefined;
  const adminHash = await hashPassword(admin.value);
  const demoHash = demo ? await hashPassword(demo.value) : '';

  await db.transaction(async (tx) => {
    const now = opts.now;
    const adminId = newId();
    await tx.insert(users).values({
      id: adminId, name: 'admin', displayName: 'System administrator', role: 'system_admin', departmentId: null,
      passwordHash: adminHash, createdAt: now, passwordChangedAt: now,
    });
    const audit = (resourceType: string, resourceId: string, resourceName: string, departmentId: string | null) => ({
      at: now, actorId: null, actorName: 'system', departmentId, action: 'seed', resourceType, resourceId, resourceName, source: 'seed',
    });
    const rows = [audit('user', adminId, 'admin', null)];
    if (demo) {
      const dept = { id: newId(), name: 'Demo', description: 'Demo department created on first start', createdAt: now };
      const alpha = { id: newId(), departmentId: dept.id, name: 'alpha', description: 'Demo project alpha', createdAt: now };
      const beta = { id: newId(), departmentId: dept.id, name: 'beta', description: 'Demo project beta', createdAt: now };
      const people = [
        { id: newId(), name: 'ops', displayName: 'Ops (Demo admin)', role: 'admin' as const },
        { id: newId(), name: 'dev', displayName: 'Dev (developer in alpha)', role: 'developer' as const },
        { id: newId(), name: 'guest', displayName: 'Guest (visitor in alpha)', role: 'visitor' as const },
      ];
      await tx.insert(departments).values(dept);
      await tx.insert(projects).values([alpha, beta]);
      await tx.insert(users).values(
        people.map((p) => ({ ...p, departmentId: dept.id, passwordHash: demoHash, createdAt: now, passwordChangedAt: now })),
      );
      await tx.insert(memberships).values([
        { userId: people[1].id, projectId: alpha.id, createdAt: now },
        { userId: people[2].id, projectId: alpha.id, createdAt: now },
      ]);
      rows.push(
        audit('department', dept.id, dept.name, dept.id),
        audit('project', alpha.id, alpha.name, dept.id),
        audit('project', beta.id, beta.name, dept.id),
        ...people.map((p) => audit('user', p.id, p.name, dept.id)),
      );
    }
    await tx.insert(auditLog).values(rows);
  });
  // Every fresh install has the simulated cluster `local` (idempotent).
  await seedLocalCluster(db, opts.now, { demo: opts.demo });
  if (opts.images) await seedImages(db, opts.now);
  return { seeded: true, adminPassword: admin, demoPassword: demo };
}
