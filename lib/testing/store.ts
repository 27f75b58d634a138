import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '@/db/client';
import { migrate } from '@/db/migrate';

export type TestStoreKind = 'pglite' | 'pg';

export interface TestStore {
  store: Store;
  kind: TestStoreKind;
  /** The database name on the PostgreSQL server, and its URL (pg only). */
  database?: string;
  url?: string;
  /** Closes the store and, on PostgreSQL, drops the test's database. */
  dispose(): Promise<void>;
}

/**
 * Which store integration tests run on: the vitest project sets PIER_TEST_STORE
 * ("pglite" for the `integration` project, "pg" for `integration-pg`).
 */
export function testStoreKind(): TestStoreKind {
  return process.env.PIER_TEST_STORE === 'pg' ? 'pg' : 'pglite';
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('PIER_TEST_STORE=pg needs TEST_DATABASE_URL (a PostgreSQL server where the test role may CREATE DATABASE)');
  return url;
}

async function withAdmin<T>(fn: (query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>): Promise<T> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn((text, values) => client.query(text, values));
  } finally {
    await client.end();
  }
}

const adminQuery = (sqlText: string) => withAdmin(async (q) => void (await q(sqlText)));

/**
 * Drops a test database once the store's own connections are gone. pg's pool
 * reports itself ended while its sockets are still closing; terminating those
 * (DROP ... WITH (FORCE)) would surface as an uncaught error in the test
 * process, so wait for them first and force only what is left after that.
 */
async function dropDatabase(database: string): Promise<void> {
  await withAdmin(async (q) => {
    for (let i = 0; i < 50; i++) {
      const { rows } = await q('select count(*)::int as n from pg_stat_activity where datname = $1', [database]);
      if (Number(rows[0].n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await q(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
}

/**
 * A fresh, migrated store for one test file: an in-memory PGlite, or a new
 * database `pier_test_<random>` on the TEST_DATABASE_URL server, dropped on dispose.
 * `migrated: false` leaves it empty, as a first start finds it.
 */
export async function openTestStore(kind: TestStoreKind = testStoreKind(), opts: { migrated?: boolean } = {}): Promise<TestStore> {
  const migrated = opts.migrated ?? true;
  if (kind === 'pglite') {
    const store = await openStore({ url: 'memory://' });
    if (migrated) await migrate(store);
    return { store, kind, dispose: () => store.close() };
  }
  const database = `pier_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  let store: Store;
  try {
    store = await openStore({ url: url.toString() });
    if (migrated) await migrate(store);
  } catch (err) {
    await dropDatabase(database).catch(() => undefined);
    throw err;
  }
  return {
    store,
    kind,
    database,
    url: url.toString(),
    async dispose() {
      await store.close().catch(() => undefined);
      await dropDatabase(database);
    },
  };
}
