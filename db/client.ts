import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the core sees, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Store {
  db: Db;
  driver: 'pglite' | 'pg';
  /** Runs `fn` while holding a cluster-wide lock (Postgres advisory lock). */
  withLock<T>(key: number, fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function dataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.PIER_DATA_DIR || './data');
}

/**
 * Opens the store: PostgreSQL over `pg` when a URL is given (or DATABASE_URL
 * is set), else embedded PGlite under PIER_DATA_DIR. `memory://` opens a
 * throwaway in-memory PGlite for tests.
 */
export async function openStore(opts: { url?: string; pgliteDir?: string } = {}): Promise<Store> {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url && !url.startsWith('memory://')) return openPostgres(url);
  const dir = url?.startsWith('memory://') ? 'memory://' : opts.pgliteDir ?? path.join(dataDir(), 'pglite');
  return openPglite(dir);
}

async function openPglite(dir: string): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir === 'memory://' ? undefined : dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  // One process owns a PGlite database, so an in-process queue is the lock.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    db,
    driver: 'pglite',
    withLock(_key, fn) {
      const run = tail.then(() => fn(db));
      tail = run.catch(() => undefined);
      return run;
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Store> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PIER_DB_POOL_SIZE || 10) });
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pg',
    async withLock(key, fn) {
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock($1)', [key]);
        return await fn(drizzle(conn, { schema }) as unknown as Db);
      } finally {
        await conn.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
