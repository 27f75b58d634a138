import path from 'node:path';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db, Store } from './client';

export const MIGRATIONS_DIR = path.resolve(
  /* turbopackIgnore: true */ process.env.PIER_MIGRATIONS_DIR || path.join(process.cwd(), 'db/migrations'),
);
/** Advisory lock key under which migrations and first-start seeding run. */
export const SETUP_LOCK = 0x50_49_45_52; // "PIER"

/**
 * Applies every pending migration. drizzle's own migrator does the work; the
 * advisory lock keeps several Pier processes from racing on one PostgreSQL.
 */
export async function migrate(store: Store): Promise<void> {
  await store.withLock(SETUP_LOCK, async (db) => {
    const { migrate: run } = store.driver === 'pg'
      ? await import('drizzle-orm/node-postgres/migrator')
      : await import('drizzle-orm/pglite/migrator');
    await (run as (db: unknown, cfg: { migrationsFolder: string }) => Promise<void>)(db, {
      migrationsFolder: MIGRATIONS_DIR,
    });
  });
}

/** How many migrations the code ships, and how many the store has applied. */
export async function migrationStatus(db: Db): Promise<{ shipped: number; applied: number }> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  let applied = 0;
  try {
    // Both drivers answer execute() with `{ rows }`.
    const { rows } = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as {
      rows: { n: number }[];
    };
    applied = Number(rows[0]?.n ?? 0);
  } catch {
    // No migrations table yet: nothing applied.
  }
  return { shipped: journal.entries.length, applied };
}

