/**
 * `npm run bench:images`: the catalog's list queries on Harbor's published
 * slow case, 1,000 repositories with 65,000 tags, measured as core calls
 * (the SQL a page costs, without HTTP). Embedded PGlite by default; with
 * PIER_BENCH_DATABASE_URL (a PostgreSQL server) on a fresh database it
 * creates and drops.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openStore, type Store } from '@/db/client';
import { migrate } from '@/db/migrate';
import { seedFirstStart } from '@/db/seed';
import type { Caller, Ctx } from '../context';
import { systemClock } from '../context';
import { EmbeddedRegistry } from '../registry';
import { setCatalogBackend } from './registry-link';
import { listRepositories } from './repositories';
import { listTags } from './tags';
import { listWorkspaces } from './workspaces';

const REPOS = 1000;
const TAGS = 65_000;
const RUNS = 200;
const WARMUP = 10;

async function openBenchStore(): Promise<{ store: Store; done: () => Promise<void>; label: string }> {
  const server = process.env.PIER_BENCH_DATABASE_URL;
  if (!server) {
    const store = await openStore({ url: 'memory://' });
    return { store, done: () => store.close(), label: 'PGlite (in memory)' };
  }
  const pg = (await import('pg')).default;
  const name = `pier_bench_images_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const store = await openStore({ url: url.toString() });
  return {
    store,
    label: 'PostgreSQL',
    done: async () => {
      await store.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

async function caller(store: Store, name: string): Promise<Caller> {
  const r = await store.db.execute(sql`select id, role, department_id from users where name = ${name}`);
  const row = (r as unknown as { rows: { id: string; role: Caller['role']; department_id: string | null }[] }).rows[0];
  return { id: row.id, name, role: row.role, departmentId: row.department_id, scopeProjectId: null, tokenId: null };
}

/** Bulk rows in SQL: 1,000 repositories in one private workspace of alpha, 65 tags each. */
async function fill(store: Store): Promise<void> {
  const db = store.db;
  await db.execute(sql`insert into image_workspaces (id, name, project_id, public, created_at, updated_at)
    select 'benchws', 'bench', id, false, now(), now() from projects where name = 'alpha'`);
  await db.execute(sql`insert into image_repositories (id, workspace_id, name, description, pull_count, created_at, updated_at)
    select 'r' || g, 'benchws', 'app-' || lpad(g::text, 4, '0'), 'repository ' || g, g % 97, now() - (g || ' minutes')::interval, now() - (g || ' seconds')::interval
    from generate_series(1, ${REPOS}) g`);
  await db.execute(sql`insert into image_tags (repository_id, name, digest, size, docker_version, architecture, os, pushed_at, created_at, image_created_at)
    select 'r' || (1 + (g % ${REPOS})), 'v' || (g / ${REPOS}) || '.' || g, 'sha256:' || md5(g::text) || md5((g * 7)::text), 1000000 + g, '27.3.1', 'amd64', 'linux', now(), now(), now() - (g || ' seconds')::interval
    from generate_series(1, ${TAGS}) g`);
  await db.execute(sql`analyze`);
}

async function measure(label: string, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn(i);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const p = (q: number) => t[Math.min(t.length - 1, Math.floor(q * t.length))].toFixed(1);
  console.log(`| ${label} | ${p(0.5)} | ${p(0.95)} | ${t[t.length - 1].toFixed(1)} |`);
}

async function main() {
  const { store, done, label } = await openBenchStore();
  try {
    // Pull commands need a host; no bytes are touched.
    setCatalogBackend(new EmbeddedRegistry('/nonexistent-bench-registry', 'bench.local:5000'));
    await migrate(store);
    await seedFirstStart(store.db, { adminPassword: 'bench-admin', demo: true, demoPassword: 'bench-demo', now: new Date() });
    const t0 = performance.now();
    await fill(store);
    console.log(`${label}: ${REPOS} repositories, ${TAGS} tags loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs per case after ${WARMUP} warm-up\n`);
    const ctxOf = (u: Caller): Ctx => ({ db: store.db, user: u, clock: systemClock, source: 'bench' });
    const admin = ctxOf(await caller(store, 'admin'));
    const dev = ctxOf(await caller(store, 'dev'));
    const pages = REPOS / 20;
    console.log('| case (page of 20) | p50 ms | p95 ms | max ms |\n|---|---|---|---|');
    await measure('repositories of the workspace, by name, developer', (i) => listRepositories(dev, { workspace: 'bench', page: 1 + ((i * 7) % pages), pageSize: 20, orderBy: 'name', order: 'asc' }));
    await measure('repositories of the workspace, by last update, admin', (i) => listRepositories(admin, { workspace: 'bench', page: 1 + ((i * 11) % pages), pageSize: 20, orderBy: 'updated', order: 'desc' }));
    await measure('private repositories of every workspace, most pulled, developer', (i) => listRepositories(dev, { public: false, page: 1 + ((i * 13) % pages), pageSize: 20, orderBy: 'pulls', order: 'desc' }));
    await measure('repositories, name search, developer', (i) => listRepositories(dev, { workspace: 'bench', q: `app-0${i % 10}`, page: 1, pageSize: 20, orderBy: 'name', order: 'asc' }));
    await measure('tags of one repository (65), by name', (i) => listTags(dev, 'bench', `app-${String(1 + ((i * 37) % REPOS)).padStart(4, '0')}`, { page: 1 + (i % 4), pageSize: 20, orderBy: 'name', order: 'asc' }));
    await measure('tags of one repository (65), newest first', (i) => listTags(dev, 'bench', `app-${String(1 + ((i * 41) % REPOS)).padStart(4, '0')}`, { page: 1, pageSize: 20, orderBy: 'created', order: 'desc' }));
    await measure('workspaces with image count and size, developer', () => listWorkspaces(dev, { page: 1, pageSize: 20 }));
  } finally {
    await done();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
