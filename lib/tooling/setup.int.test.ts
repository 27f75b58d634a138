import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { openStore } from '@/db/client';
import { migrationStatus } from '@/db/migrate';
import { users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { openTestStore, testStoreKind, type TestStore } from '@/lib/testing/store';
import { firstStartBanner, prepareStore } from './setup';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await cleanup?.();
  cleanup = undefined;
});

/** Points openStore() where `npm start` would: a PGlite directory, or DATABASE_URL. */
async function startEnvironment() {
  if (testStoreKind() === 'pg') {
    // An empty database, as a first start on DATABASE_URL finds it.
    const ts: TestStore = await openTestStore('pg', { migrated: false });
    vi.stubEnv('DATABASE_URL', ts.url!);
    cleanup = () => ts.dispose();
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pier-setup-test-'));
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PIER_DATA_DIR', dir);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
}

describe('start-up: migrate and seed, then a restart', () => {
  it('first start migrates and seeds with the given passwords; a restart keeps everything and seeds nothing', async () => {
    await startEnvironment();
    vi.stubEnv('PIER_ADMIN_PASSWORD', 'start-admin-pass');
    vi.stubEnv('PIER_DEMO_PASSWORD', '');
    vi.stubEnv('PIER_SEED_DEMO', '');

    const first = await prepareStore();
    expect(first.seeded).toBe(true);
    expect(first.adminPassword).toEqual({ value: 'start-admin-pass', generated: false });
    expect(first.demoPassword?.generated).toBe(true);
    const banner = firstStartBanner(first).join('\n');
    expect(banner).toContain(first.demoPassword!.value);
    expect(banner).not.toContain('start-admin-pass');

    // Restart, even with other passwords in the environment.
    vi.stubEnv('PIER_ADMIN_PASSWORD', 'another-admin-pass');
    const second = await prepareStore();
    expect(second).toEqual({ seeded: false });
    expect(firstStartBanner(second)).toEqual([]);

    const store = await openStore();
    try {
      const status = await migrationStatus(store.db);
      expect(status.applied).toBe(status.shipped);
      const all = await store.db.select({ name: users.name }).from(users);
      expect(all.map((u) => u.name).sort()).toEqual(['admin', 'dev', 'guest', 'ops']);
      const [admin] = await store.db.select().from(users).where(eq(users.name, 'admin'));
      expect(await verifyPassword(admin.passwordHash, 'start-admin-pass')).toBe(true);
    } finally {
      await store.close();
    }
  });
});
