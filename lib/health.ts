import { sql } from 'drizzle-orm';
import { migrationStatus } from '@/db/migrate';
import type { Store } from '@/db/client';

export interface Readiness {
  ready: boolean;
  store: 'ok' | 'unreachable';
  driver: Store['driver'] | null;
  migrations: { shipped: number; applied: number } | null;
}

/** Ready when the store answers and every shipped migration is applied. */
export async function readiness(open: () => Promise<Store>): Promise<Readiness> {
  try {
    const store = await open();
    await store.db.execute(sql`select 1`);
    const migrations = await migrationStatus(store.db);
    return { ready: migrations.applied >= migrations.shipped, store: 'ok', driver: store.driver, migrations };
  } catch {
    return { ready: false, store: 'unreachable', driver: null, migrations: null };
  }
}
