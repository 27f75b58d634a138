/**
 * `npm run bench:cluster-read`: the simulated cluster's list and watch paths
 * at the size (50,000 pods in 500 Deployments over 100 nodes), on a
 * throwaway store: embedded PGlite, or a fresh database on the PostgreSQL
 * server named by PIER_BENCH_DATABASE_URL.
 *
 *  1. fill: migrate and seed the store as a first start does, then write the
 *     controllers' end state straight into it (bench-cluster-fill.ts).
 *  2. in process, before the server starts: the store's list call alone
 *     (SQL and building the body), as text (what the API sends) and parsed
 *     and re-serialized (what it sent before), to split the HTTP time.
 *  3. start Pier (`npm start`'s entry) on that store; wait until the
 *     controllers have nothing left to write (and count what they wrote).
 *  4. HTTP: /healthz (the framework's floor), a one-item list (token,
 *     access rules, the cluster, one row), then a namespace's pods by label
 *     selector 500 a page following `continue`, as kubectl and client-node do.
 *  5. watch: a pod watch open on a namespace; pods patched one at a time; the
 *     delay from sending each PATCH to its event arriving on the stream.
 *  6. rollout (PIER_BENCH_ROLLOUT, default 100 replicas; 0 skips it): the
 *     issue's rolling update beside the 50,000 pods, timed as
 *     `bench:cluster` does. Throughout: peak resident memory of Pier's
 *     process tree, sampled every second.
 *
 * Sizes: PIER_BENCH_NODES (100), PIER_BENCH_DEPLOYMENTS (500),
 * PIER_BENCH_REPLICAS (100), PIER_BENCH_NAMESPACES (10). Numbers go to
 * docs/performance.md by hand, with the machine's load average.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { openStore } from '@/db/client';
import { clusters } from '@/db/schema';
import { systemClock } from '@/lib/context';
import { findKind } from '@/lib/cluster/sim/kinds';
import { listObjects, listObjectsJson, type Sim } from '@/lib/cluster/sim/store';
import { fillCluster } from './bench-cluster-fill';
import { pierStartArgs } from './start-command';
import { timeRollout } from './bench-cluster-objects';
import { freshDatabase, signIn } from './bench-server';
import { percentiles, sleep, treeRssMiB } from './bench-stats';
import { watchDelaySplit } from './bench-watch';
import { databaseCpuMs, treeCpuMs } from './bench-cluster-cpu';
import { prepareStore } from './setup';

const PORT = Number(process.env.PIER_BENCH_PORT || 3312);
const BASE = `http://127.0.0.1:${PORT}`;
const K8S = `${BASE}/k8s/local`;
const PASSWORD = 'bench-password-1';
const NODES = Number(process.env.PIER_BENCH_NODES || 100);
const DEPLOYMENTS = Number(process.env.PIER_BENCH_DEPLOYMENTS || 500);
const REPLICAS = Number(process.env.PIER_BENCH_REPLICAS || 100);
const NAMESPACES = Number(process.env.PIER_BENCH_NAMESPACES || 10);
const LIST_ROUNDS = Number(process.env.PIER_BENCH_LIST_ROUNDS || 20);
const WATCH_PATCHES = Number(process.env.PIER_BENCH_WATCH_PATCHES || 100);
const ROLLOUT_REPLICAS = Number(process.env.PIER_BENCH_ROLLOUT ?? 100);
const PODS = findKind('', 'v1', 'pods')!;


const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

let token = '';
const auth = () => ({ authorization: `Bearer ${token}` });

/** Signs in as admin; retried, because on PGlite the controllers' first load of the filled cluster can hold the server for minutes. */
async function signInRetried(): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await signIn(BASE, 'admin', PASSWORD);
    } catch (err) {
      if (i >= 10) throw err;
      console.log(`bench: sign-in not answered yet (${err instanceof Error ? err.message : String(err)}), retrying`);
    }
  }
}

interface ListBody {
  metadata: { resourceVersion: string; continue?: string };
  items: Array<{ metadata: { name: string; labels?: Record<string, string> } }>;
}

async function k8sCall(method: string, p: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
  const res = await fetch(K8S + p, {
    method,
    headers: { ...auth(), ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function get(p: string): Promise<ListBody> {
  const res = await fetch(K8S + p, { headers: auth() });
  if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as ListBody;
}

/** Fills the store before any server owns it; returns the fill's numbers. */
async function fill(): Promise<{ clusterId: string; seconds: number; rv: number; pods: number }> {
  await prepareStore();
  const store = await openStore();
  try {
    const [c] = await store.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, 'local'));
    if (!c) throw new Error('the seeded store has no cluster local');
    const t = performance.now();
    const r = await fillCluster({ db: store.db, clock: systemClock, clusterId: c.id }, {
      nodes: NODES, deployments: DEPLOYMENTS, replicas: REPLICAS, namespaces: NAMESPACES,
    });
    return { clusterId: c.id, seconds: Math.round((performance.now() - t) / 100) / 10, rv: r.resourceVersion, pods: r.pods };
  } finally {
    await store.close();
  }
}

/** The numbers of a database filled by an earlier run (PIER_BENCH_REUSE_DATABASE_URL). */
async function filledBefore(): Promise<{ clusterId: string; seconds: number; rv: number; pods: number }> {
  const store = await openStore();
  try {
    const [c] = await store.db.select({ id: clusters.id, rv: clusters.resourceVersion }).from(clusters).where(eq(clusters.name, 'local'));
    if (!c) throw new Error('the reused store has no cluster local');
    const counted = await store.db.execute(sql`select count(*)::int as n from k8s_objects where cluster_id = ${c.id} and resource = 'pods'`);
    const [n] = (counted as unknown as { rows: Array<{ n: number }> }).rows;
    return { clusterId: c.id, seconds: 0, rv: c.rv, pods: n.n };
  } finally {
    await store.close();
  }
}

/** The store's list call alone, in this process: text (sent now) against parse + stringify (sent before). */
async function inProcess(clusterId: string): Promise<Array<Record<string, unknown>>> {
  const store = await openStore();
  try {
    const s: Sim = { db: store.db, clock: systemClock, clusterId };
    const page = async (f: (o: { namespace: string; labelSelector: string; limit: number; continue?: string }) => Promise<string | undefined>) => {
      const samples: number[] = [];
      for (let r = 0; r < Math.max(2, LIST_ROUNDS / 4); r++) {
        let cont: string | undefined;
        do {
          const t = performance.now();
          cont = await f({ namespace: `bench-${r % NAMESPACES}`, labelSelector: 'tier=web', limit: 500, continue: cont });
          samples.push(performance.now() - t);
        } while (cont);
      }
      return percentiles(samples);
    };
    const text = await page(async (o) => {
      const body = await listObjectsJson(s, PODS, o);
      return /"continue":"([^"]+)"/.exec(body.slice(0, 400))?.[1];
    });
    const parsed = await page(async (o) => {
      const list = await listObjects(s, PODS, o);
      JSON.stringify(list);
      return list.metadata.continue;
    });
    return [
      { case: 'store: page of 500 pods as stored text (ms)', ...text },
      { case: 'store: page parsed + JSON.stringify (ms)', ...parsed },
    ];
  } finally {
    await store.close();
  }
}

/** Waits until the controllers stop writing (the counter still for 5 s); returns how many versions they used. */
async function settle(fromRv: number): Promise<{ writes: number; seconds: number }> {
  // The fill's own version is the baseline: whatever the controllers wrote since starting counts.
  const t0 = Date.now();
  let rv = Number((await get('/api/v1/namespaces/default/configmaps?limit=1')).metadata.resourceVersion);
  let still = Date.now();
  while (Date.now() - still < 5000 && Date.now() - t0 < 30 * 60_000) {
    await sleep(1000);
    const now = Number((await get('/api/v1/namespaces/default/configmaps?limit=1')).metadata.resourceVersion);
    if (now !== rv) {
      rv = now;
      still = Date.now();
      process.stdout.write(`\rbench: controllers still writing, resourceVersion ${rv}   `);
    }
  }
  process.stdout.write('\n');
  return { writes: rv - fromRv, seconds: Math.round((Date.now() - t0) / 1000) };
}

async function timed(url: string, rounds: number): Promise<Record<string, number>> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: auth() });
    await res.arrayBuffer();
    samples.push(performance.now() - t);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
  }
  return percentiles(samples);
}

/**
 * A namespace's pods by label selector, 500 a page, following continue.
 * Each page is timed three ways: until the answer's headers (the server's
 * work before it starts sending), until its last byte (what the server and
 * the connection cost), and with the client's JSON.parse of the body
 * (what a client sees: 1.1 MB of pods take the client several ms).
 */
async function listByLabel(selector: (round: number) => string): Promise<Record<string, Record<string, unknown>>> {
  const headers: number[] = [];
  const body: number[] = [];
  const parsed: number[] = [];
  let bytes = 0;
  let encoding = '';
  for (let r = 0; r < LIST_ROUNDS; r++) {
    const ns = `bench-${r % NAMESPACES}`;
    let cont = '';
    do {
      const q = new URLSearchParams({ labelSelector: selector(r), limit: '500' });
      if (cont) q.set('continue', cont);
      const t = performance.now();
      const res = await fetch(`${K8S}/api/v1/namespaces/${ns}/pods?${q}`, { headers: auth() });
      headers.push(performance.now() - t);
      const text = await res.text();
      body.push(performance.now() - t);
      const list = JSON.parse(text) as ListBody;
      parsed.push(performance.now() - t);
      if (!res.ok) throw new Error(`list: ${res.status}`);
      bytes = Math.max(bytes, text.length);
      encoding = res.headers.get('content-encoding') ?? 'identity';
      cont = list.metadata.continue ?? '';
    } while (cont);
  }
  const note = { 'largest body (KiB)': Math.round(bytes / 1024), encoding };
  return {
    'headers': percentiles(headers),
    'last byte': percentiles(body),
    'last byte + JSON.parse': { ...percentiles(parsed), ...note },
  };
}

/** Starts Pier the way `npm start` does, on the filled store; resolves once /readyz answers. */
async function startPier(env: Record<string, string>): Promise<ChildProcess> {
  // PIER_BENCH_CPU_PROF=<dir>: the server's threads write V8 CPU profiles there when it stops (open in Chrome DevTools).
  const args = pierStartArgs();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(PORT), PIER_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 2400; i++) {
    if (child.exitCode !== null) throw new Error(`Pier exited with ${child.exitCode}`);
    const ok = await fetch(`${BASE}/readyz`).then((r) => r.ok, () => false);
    if (ok) return child;
    await sleep(250);
  }
  child.kill('SIGTERM');
  throw new Error('Pier did not become ready');
}

/**
 * How Pier is started for each measured variant: `direct` (PIER_K8S_DIRECT=1,
 * /k8s/ answered by Pier's Node server; lists to this machine's clients are
 * not gzipped), `direct-gzip` (the same, gzipping large lists as for a
 * remote client) or `next` (PIER_K8S_DIRECT=0, through Next.js's router,
 * which gzips at level 6). Several variants run back to back on the same filled
 * store, so they compare under the same conditions.
 */
const VARIANT_ENV: Record<string, Record<string, string>> = {
  direct: { PIER_K8S_DIRECT: '1' },
  'direct-gzip': { PIER_K8S_DIRECT: '1', PIER_K8S_GZIP: 'on' },
  next: { PIER_K8S_DIRECT: '0' },
  // Without controllers: what the serving path costs alone, with no background writes beside it.
  'direct-off': { PIER_K8S_DIRECT: '1', PIER_SIM_CONTROLLERS: 'off' },
  'next-off': { PIER_K8S_DIRECT: '0', PIER_SIM_CONTROLLERS: 'off' },
};
const VARIANTS = (process.env.PIER_BENCH_VARIANTS || 'direct').split(',').map((v) => v.trim()).filter(Boolean);

/** One variant: start Pier on the filled store, measure, stop it. */
async function measureVariant(variant: string, env: Record<string, string>, filledRv: number, rollout: boolean) {
  const child = await startPier({ ...env, ...VARIANT_ENV[variant] });
  let peakRss = 0;
  const pid = child.pid!;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, treeRssMiB(pid)); }, 1000);
  try {
    token = await signInRetried();
    const settled = await settle(filledRv);
    console.log(`bench [${variant}]: controllers settled after ${settled.seconds} s, having written ${settled.writes} versions; load average ${load()}`);
    // What Pier burns with no request in flight (controllers' resyncs, heartbeats, GC): the floor under every CPU figure below.
    const idle0 = treeCpuMs(pid);
    await sleep(10_000);
    console.log(`bench [${variant}]: Pier's CPU while idle: ${Math.round((treeCpuMs(pid) - idle0) / 10)} ms per s`);
    const rows: Array<Record<string, unknown>> = [];
    const add = (c: string, r: Record<string, unknown>) => rows.push({ variant, case: c, ...r });
    const database = new URL(env.DATABASE_URL || 'postgres://x/none').pathname.slice(1);
    // Each case also gets the CPU it cost Pier's process tree and the database's backends, per request.
    const cpu = async <T extends Record<string, Record<string, unknown>>>(f: () => Promise<T>, per: (r: T) => number, row: string): Promise<T> => {
      const server0 = treeCpuMs(pid);
      const db0 = databaseCpuMs(database);
      const r = await f();
      const n = per(r);
      Object.assign(r[row], {
        'Pier CPU ms/req': Math.round(((treeCpuMs(pid) - server0) / n) * 10) / 10,
        'PostgreSQL CPU ms/req': Math.round(((databaseCpuMs(database) - db0) / n) * 10) / 10,
      });
      return r;
    };
    const one = async (url: string, n: number) => (await cpu(async () => ({ r: await timed(url, n) }), () => n, 'r')).r;
    add('GET /healthz (ms)', await one(`${BASE}/healthz`, 100));
    add('list pods, limit=1 (ms)', await one(`${K8S}/api/v1/namespaces/bench-0/pods?limit=1`, 100));
    const pages = (r: Record<string, Record<string, unknown>>) => Number(r['last byte'].n);
    for (const [how, r] of Object.entries(await cpu(() => listByLabel(() => 'tier=web'), pages, 'last byte'))) add(`pods by tier=web, 500 a page: ${how} (ms)`, r);
    for (const [how, r] of Object.entries(await cpu(() => listByLabel((r) => `app=app-${(r * 7) % DEPLOYMENTS}`), pages, 'last byte'))) {
      add(`pods by app=app-N (100), one page: ${how} (ms)`, r);
    }
    // Irregular gaps, so no poll interval lines up with the patches.
    const watch = await cpu(() => watchDelaySplit({ k8s: K8S, headers: auth(), namespace: 'bench-0', patches: WATCH_PATCHES, gap: (i) => 50 + ((i * 37) % 101) }),
      () => WATCH_PATCHES, 'PATCH sent → watch event (ms)');
    for (const [how, r] of Object.entries(watch)) add(how, r);
    console.log(`bench [${variant}]: load average ${load()}`);
    console.table(rows);
    const roll = rollout ? await timeRollout(k8sCall, ROLLOUT_REPLICAS) : null;
    if (roll) console.table([{ variant, ...roll }]);
    return { rows, roll, peakRss };
  } finally {
    clearInterval(sampler);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  for (const v of VARIANTS) if (!VARIANT_ENV[v]) throw new Error(`PIER_BENCH_VARIANTS: unknown variant ${v} (known: ${Object.keys(VARIANT_ENV).join(', ')})`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pier-bench-read-'));
  // A database filled by an earlier run (kept, not dropped): for repeated runs while changing the server.
  const reuse = process.env.PIER_BENCH_REUSE_DATABASE_URL;
  const pgServer = process.env.PIER_BENCH_DATABASE_URL;
  const database = reuse ? null : pgServer ? await freshDatabase(pgServer) : null;
  const env = { PIER_DATA_DIR: dataDir, DATABASE_URL: reuse ?? database?.url ?? '', PIER_ADMIN_PASSWORD: PASSWORD, PIER_DEMO_PASSWORD: PASSWORD };
  // prepareStore and openStore read these, as the server will.
  Object.assign(process.env, env);
  try {
    console.log(`bench: store ${reuse ? 'PostgreSQL (reused, filled earlier)' : database ? 'PostgreSQL (fresh database)' : 'PGlite (embedded)'}; load average ${load()}`);
    const filled = reuse ? await filledBefore() : await fill();
    console.table([{ nodes: NODES, deployments: DEPLOYMENTS, pods: filled.pods, 'fill (s)': filled.seconds, resourceVersion: filled.rv }]);
    console.table(await inProcess(filled.clusterId));
    const results = [];
    for (const [i, v] of VARIANTS.entries()) {
      // The rollout changes the cluster: only the last variant runs it.
      results.push({ variant: v, ...(await measureVariant(v, env, filled.rv, ROLLOUT_REPLICAS > 0 && i === VARIANTS.length - 1)) });
    }
    console.log('\nbench: summary (ms unless named)');
    console.table(results.flatMap((r) => r.rows));
    for (const r of results) {
      if (r.roll) console.table([{ variant: r.variant, ...r.roll }]);
      console.log(`peak resident memory of Pier [${r.variant}] (process tree, sampled each second): ${r.peakRss} MiB`);
    }
    console.log(`load average after: ${load()}; machine: ${os.cpus().length} cores, node ${process.version}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    // PIER_BENCH_KEEP_DATABASE=1: keep the filled database for PIER_BENCH_REUSE_DATABASE_URL runs (drop it by hand after).
    if (database && process.env.PIER_BENCH_KEEP_DATABASE === '1') console.log(`bench: kept the filled database: ${database.url}`);
    else await database?.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
