/**
 * `npm run bench:workloads`: issue 3's API speed targets on a throwaway
 * store (embedded PGlite, or a fresh database on the PostgreSQL server named
 * by PIER_BENCH_DATABASE_URL):
 *
 *  - GET /api/ecns/eks/pods/?status=Running, pages of 100, with 20,000 pods
 *    in one namespace (target p95 ≤ 50 ms);
 *  - GET /api/ecns/eks/workloads/, pages of 20 and 100, with 2,000
 *    workloads in that namespace (target p95 ≤ 100 ms per page).
 *
 * 1. fill: migrate and seed as a first start does, then write the
 *    controllers' end state straight into the store (bench-cluster-fill.ts):
 *    PIER_BENCH_WORKLOADS Deployments (2,000) of PIER_BENCH_REPLICAS
 *    Running pods (10) in namespace wl-0, over PIER_BENCH_NODES nodes (50).
 * 2. start Pier (`npm start`'s entry), sign in as admin, wait until the
 *    controllers stop writing; give wl-0 to project alpha and switch to it
 *    (the ECNS calls work in the caller's current namespace).
 * 3. over HTTP with the admin's token: the first call of each (it fills the
 *    adapter's watch-fed caches), then PIER_BENCH_ROUNDS (100) timed calls,
 *    pages spread over the whole list. Every status filter matches all the
 *    pods: the worst case (every pod of the namespace is tested and counted).
 *
 * Port PIER_BENCH_PORT (3381). Numbers go to docs/performance.md by hand,
 * with the load average this prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openStore } from '@/db/client';
import { clusters, projects } from '@/db/schema';
import { systemClock } from '@/lib/context';
import { PROJECT_LABEL } from '@/lib/cluster/namespaces/labels';
import { fillCluster } from './bench-cluster-fill';
import { pierStartArgs } from './start-command';
import { freshDatabase, signIn } from './bench-server';
import { percentiles, sleep } from './bench-stats';
import { prepareStore } from './setup';

const PORT = Number(process.env.PIER_BENCH_PORT || 3381);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-password-1';
const WORKLOADS = Number(process.env.PIER_BENCH_WORKLOADS || 2000);
const REPLICAS = Number(process.env.PIER_BENCH_REPLICAS || 10);
const NODES = Number(process.env.PIER_BENCH_NODES || 50);
const ROUNDS = Number(process.env.PIER_BENCH_ROUNDS || 100);
const NS = 'wl-0';

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
let token = '';
const auth = () => ({ authorization: `Bearer ${token}` });

async function call(method: string, p: string, body?: unknown, type = 'application/json'): Promise<unknown> {
  const res = await fetch(BASE + p, { method, headers: { ...auth(), ...(body ? { 'content-type': type } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function fill(): Promise<{ alpha: string; rv: number; pods: number; seconds: number }> {
  await prepareStore();
  const store = await openStore();
  try {
    const [c] = await store.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, 'local'));
    const [alpha] = await store.db.select({ id: projects.id }).from(projects).where(eq(projects.name, 'alpha'));
    if (!c || !alpha) throw new Error('the seeded store has no cluster local or project alpha');
    const t = performance.now();
    const r = await fillCluster({ db: store.db, clock: systemClock, clusterId: c.id }, {
      nodes: NODES, deployments: WORKLOADS, replicas: REPLICAS, namespaces: 1, namespacePrefix: 'wl-',
    });
    return { alpha: alpha.id, rv: r.resourceVersion, pods: r.pods, seconds: Math.round((performance.now() - t) / 100) / 10 };
  } finally {
    await store.close();
  }
}

async function startPier(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, pierStartArgs(), {
    env: { ...process.env, ...env, PORT: String(PORT), PIER_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so the bench can stop tsx and the server under it together.
    detached: true,
  });
  // At most 2,400 tries of 5 s: a server that listens but never answers fails the bench instead of hanging it.
  for (let i = 0; i < 2400; i++) {
    if (child.exitCode !== null) throw new Error(`Pier exited with ${child.exitCode}`);
    if (await fetch(`${BASE}/readyz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false)) return child;
    await sleep(250);
  }
  child.kill('SIGTERM');
  throw new Error('Pier did not become ready');
}

async function signInRetried(): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await signIn(BASE, 'admin', PASSWORD);
    } catch (err) {
      if (i >= 10) throw err;
      await sleep(2000);
    }
  }
}

/** Until the controllers have written nothing for 5 s (the cluster's resourceVersion still). */
async function settle(): Promise<number> {
  const t0 = Date.now();
  const rv = async () => Number(((await call('GET', '/k8s/local/api/v1/namespaces/default/configmaps?limit=1')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
  let last = await rv();
  let still = Date.now();
  while (Date.now() - still < 5000 && Date.now() - t0 < 30 * 60_000) {
    await sleep(1000);
    const now = await rv();
    if (now !== last) {
      last = now;
      still = Date.now();
    }
  }
  return Math.round((Date.now() - t0) / 1000);
}

async function once(p: string): Promise<{ ms: number; body: { total?: number } }> {
  const t = performance.now();
  const body = (await call('GET', p)) as { total?: number };
  return { ms: Math.round((performance.now() - t) * 10) / 10, body };
}

async function timed(url: (round: number) => string): Promise<Record<string, number>> {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) samples.push((await once(url(r))).ms);
  return percentiles(samples);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pier-bench-wl-'));
  const pgServer = process.env.PIER_BENCH_DATABASE_URL;
  const database = pgServer ? await freshDatabase(pgServer) : null;
  const env = { PIER_DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', PIER_ADMIN_PASSWORD: PASSWORD, PIER_DEMO_PASSWORD: PASSWORD };
  Object.assign(process.env, env);
  let child: ChildProcess | null = null;
  try {
    console.log(`bench: store ${database ? 'PostgreSQL (fresh database)' : 'PGlite (embedded)'}; load average ${load()}`);
    const filled = await fill();
    console.table([{ workloads: WORKLOADS, pods: filled.pods, nodes: NODES, 'fill (s)': filled.seconds }]);
    child = await startPier(env);
    token = await signInRetried();
    console.log(`bench: controllers settled after ${await settle()} s; load average ${load()}`);
    await call('PATCH', `/k8s/local/api/v1/namespaces/${NS}`, { metadata: { labels: { [PROJECT_LABEL]: filled.alpha } } }, 'application/merge-patch+json');
    await call('GET', `/api/ecns/eks/namespace/${filled.alpha}/cluster/local/ns/${NS}/`);

    const podPages = Math.ceil(filled.pods / 100);
    const pods = (r: number) => `/api/ecns/eks/pods/?status=Running&page_size=100&page=${1 + ((r * 37) % podPages)}`;
    const wl = (size: number) => (r: number) => `/api/ecns/eks/workloads/?page_size=${size}&page=${1 + ((r * 37) % Math.ceil(WORKLOADS / size))}`;
    const firstPods = await once(pods(0));
    const firstWl = await once(wl(20)(0));
    if (firstPods.body.total !== filled.pods) throw new Error(`the pod list counted ${firstPods.body.total} Running pods, not ${filled.pods}`);
    if (firstWl.body.total !== WORKLOADS) throw new Error(`the workload list counted ${firstWl.body.total}, not ${WORKLOADS}`);
    const rows: Array<Record<string, unknown>> = [
      { case: `first GET /pods/ (fills the pod cache) (ms)`, n: 1, p50: firstPods.ms },
      { case: `first GET /workloads/ (fills the workload caches) (ms)`, n: 1, p50: firstWl.ms },
      { case: `GET /pods/?status=Running, 100 a page, ${filled.pods} pods (ms)`, ...(await timed(pods)) },
      { case: `GET /workloads/, 20 a page, ${WORKLOADS} workloads (ms)`, ...(await timed(wl(20))) },
      { case: `GET /workloads/, 100 a page, ${WORKLOADS} workloads (ms)`, ...(await timed(wl(100))) },
      { case: 'GET /healthz (the floor) (ms)', ...(await timed(() => '/healthz')) },
    ];
    console.table(rows);
    console.log(`load average after: ${load()}; machine: ${os.cpus().length} cores, node ${process.version}`);
  } finally {
    if (child) {
      const c = child;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      // Pier on PostgreSQL has been seen not to exit on SIGTERM at the end of this bench (cause not found):
      // after 15 s the whole group is killed, so the bench ends and drops its database.
      const killGroup = () => {
        try {
          process.kill(-c.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => {
        console.log('bench: Pier did not exit within 15 s of SIGTERM; killing its process group');
        killGroup();
      }, 15_000);
      const t0 = Date.now();
      await exited;
      console.log(`bench: Pier's process ended ${((Date.now() - t0) / 1000).toFixed(1)} s after SIGTERM`);
      clearTimeout(timer);
      // tsx may have exited while the server under it did not.
      killGroup();
    }
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
