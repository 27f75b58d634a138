import { openStore } from '@/db/client';
import { migrate, SETUP_LOCK } from '@/db/migrate';
import { seedFirstStart, seedOptionsFromEnv, type SeedResult } from '@/db/seed';

/** Migrate, then seed if this is the first start. Returns what was seeded. */
export async function prepareStore(): Promise<SeedResult> {
  const store = await openStore();
  try {
    await migrate(store);
    return await store.withLock(SETUP_LOCK, (db) => seedFirstStart(db, { ...seedOptionsFromEnv(process.env), images: process.env.PIER_SEED_DEMO !== 'false' }));
  } finally {
    await store.close();
  }
}

/** The lines `npm start` prints once, on first start. */
export function firstStartBanner(r: SeedResult): string[] {
  if (!r.seeded) return [];
  const lines = ['', '  Pier first start: accounts created.'];
  if (r.adminPassword) {
    lines.push(`  admin login:  admin / ${r.adminPassword.generated ? r.adminPassword.value : '(PIER_ADMIN_PASSWORD)'}`);
  }
  if (r.demoPassword) {
    lines.push(
      `  demo logins:  ops, dev, guest / ${r.demoPassword.generated ? r.demoPassword.value : '(PIER_DEMO_PASSWORD)'}`,
      '                (department Demo: projects alpha and beta)',
    );
  }
  if (r.adminPassword?.generated || r.demoPassword?.generated) {
    lines.push('  These passwords are shown only this once. Change them under Profile.');
  }
  lines.push('');
  return lines;
}
