/**
 * `npm run bench:pod-dashboard`: the pod dashboard in Chromium at the
 * issue's size (20,000 pods in one namespace), on a throwaway store
 * (PGlite, or a fresh database on PIER_BENCH_DATABASE_URL's server).
 *
 *  1. fill: migrate and seed as a first start does, then write 200
 *     Deployments × 100 running pods into one namespace straight into the
 *     store (bench-cluster-fill.ts); the namespace is given to project alpha
 *     so the console shows it.
 *  2. start the built Pier (`npm start`'s entry; it builds if stale) with
 *     the controllers off (the filled objects are their end state).
 *  3. Chromium (Debian's, headless), signed in as admin: open
 *     /pods?namespace=bench-0 and take the time from navigation start to the
 *     first table row on screen, and to every row received (the dashboard
 *     pages: a first screenful, then the rest) — once cold (the first read
 *     lists the cluster into Pier's pod cache) and PIER_BENCH_ROUNDS times warm.
 *  4. scroll the table with the mouse wheel, as Chromium's input pipeline
 *     does it (bench-scroll.ts), at an ordinary speed and as a fast drag
 *     through thousands of rows, and count from Chromium's trace the frames
 *     produced and dropped, and the page's long animation frames.
 *
 * Sizes: PIER_BENCH_DEPLOYMENTS (200) × PIER_BENCH_REPLICAS (100) pods,
 * PIER_BENCH_NODES (50). Numbers go to docs/performance.md by hand, with
 * the load average this prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { chromium, type Page } from '@playwright/test';
import { openStore } from '@/db/client';
import { clusters, projects } from '@/db/schema';
import { systemClock } from '@/lib/context';
import { fillCluster } from './bench-cluster-fill';
import { pierStartArgs } from './start-command';
import { freshDatabase, signIn } from './bench-server';
import { percentiles, sleep } from './bench-stats';
import { measureScroll, type ScrollCase, type ScrollResult } from './bench-scroll';
import { prepareStore } from './setup';

const PORT = Number(process.env.PIER_BENCH_PORT || 3412);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-password-1';
const NODES = Number(process.env.PIER_BENCH_NODES || 50);
const DEPLOYMENTS = Number(process.env.PIER_BENCH_DEPLOYMENTS || 200);
const REPLICAS = Number(process.env.PIER_BENCH_REPLICAS || 100);
const ROUNDS = Number(process.env.PIER_BENCH_ROUNDS || 5);
const NAMESPACE = 'bench-0';

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Fills the store before the server owns it; the namespace gets project alpha's label so admin's console lists it. */
async function fill(): Promise<{ pods: number; seconds: number }> {
  await prepareStore();
  const store = await openStore();
  try {
    const [c] = await store.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, 'local'));
    const [alpha] = await store.db.select({ id: projects.id }).from(projects).where(eq(projects.name, 'alpha'));
    if (!c || !alpha) throw new Error('the seeded store has no cluster local or project alpha');
    const t = performance.now();
    const r = await fillCluster({ db: store.db, clock: systemClock, clusterId: c.id }, { nodes: NODES, deployments: DEPLOYMENTS, replicas: REPLICAS, namespaces: 1 });
    return { pods: r.pods, seconds: Math.round((performance.now() - t) / 100) / 10 };
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
  for (let i = 0; i < 4800; i++) {
    if (child.exitCode !== null) throw new Error(`Pier exited with ${child.exitCode}`);
    if (await fetch(`${BASE}/readyz`).then((r) => r.ok, () => false)) return child;
    await sleep(250);
  }
  child.kill('SIGTERM');
  throw new Error('Pier did not become ready');
}

async function api(token: string, method: string, p: string, body?: unknown, type = 'application/json') {
  const res = await fetch(BASE + p, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

/**
 * Milliseconds from navigation start until the first data row is in the DOM
 * and painted, and until every row is in (the count no longer marked
 * loading: the dashboard gets its first page, then the rest in pages).
 */
async function timeToFirstRow(page: Page): Promise<{ first: number; all: number }> {
  await page.goto(`${BASE}/pods?namespace=${NAMESPACE}`, { waitUntil: 'commit' });
  await page.locator('[role=row][aria-rowindex="2"]').first().waitFor({ state: 'visible', timeout: 120_000 });
  const first = await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(performance.now())))') as number;
  await page.locator('[data-testid=pods-shown]:not([data-loading])').waitFor({ timeout: 300_000 });
  const all = await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(performance.now())))') as number;
  return { first, all };
}

/**
 * The scroll cases: an ordinary wheel scroll (1,200 px/s, 150 rows) and a
 * fast drag through thousands of rows (40,000 px/s = 1,000 rows a second,
 * for 10,000 rows or to the end). Driven by Chromium's input pipeline and
 * counted from its trace (bench-scroll.ts).
 */
const ROW_PX = 40;
function scrollCases(rows: number): ScrollCase[] {
  return [
    { name: 'wheel, 1,200 px/s', distance: 150 * ROW_PX, speed: 1200 },
    { name: 'fast drag, 40,000 px/s', distance: Math.min(10_000, rows - 30) * ROW_PX, speed: 40_000 },
  ];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pier-bench-pods-'));
  const pgServer = process.env.PIER_BENCH_DATABASE_URL;
  const database = pgServer ? await freshDatabase(pgServer) : null;
  const env = { PIER_DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', PIER_ADMIN_PASSWORD: PASSWORD, PIER_DEMO_PASSWORD: PASSWORD, PIER_SIM_CONTROLLERS: 'off' };
  Object.assign(process.env, env);
  let child: ChildProcess | null = null;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    console.log(`bench: store ${database ? 'PostgreSQL (fresh database)' : 'PGlite (embedded)'}; load average ${load()}`);
    const filled = await fill();
    console.log(`bench: filled ${filled.pods} pods in ${filled.seconds} s`);
    child = await startPier(env);
    const session = await fetch(`${BASE}/api/pier/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: PASSWORD }) });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie) throw new Error(`sign-in: ${session.status}`);
    const token = await signIn(BASE, 'admin', PASSWORD);
    const alpha = ((await (await api(token, 'GET', '/api/pier/projects?q=alpha')).json()) as { items: Array<{ id: string; name: string }> }).items.find((p) => p.name === 'alpha')!;
    await api(token, 'PATCH', `/k8s/local/api/v1/namespaces/${NAMESPACE}`, { metadata: { labels: { 'pier.io/project': alpha.id } } }, 'application/merge-patch+json');

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: BASE }]);
    const page = await context.newPage();
    // The page's own errors, so a step that stops (the scroll loop once did) says why.
    page.on('pageerror', (err) => console.log(`bench: page error: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.log(`bench: page console ${m.type()}: ${m.text().slice(0, 300)}`);
    });
    // The console's "Failed to load resource" does not say which: the failed answers' addresses.
    page.on('response', (r) => {
      if (r.status() >= 400) console.log(`bench: page got ${r.status()} for ${r.request().method()} ${r.url().slice(0, 200)}`);
    });
    const cold = await timeToFirstRow(page);
    const shown = await page.getByTestId('pods-shown').textContent();
    const warm: Array<{ first: number; all: number }> = [];
    for (let i = 0; i < ROUNDS; i++) warm.push(await timeToFirstRow(page));
    // The list's answers of the last round: the first page, then the later pages (one answer before paging existed).
    const lists = await page.evaluate(`performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/pier/clusters/local/pods?'))
      .map((e) => ({ bytes: e.encodedBodySize, ms: Math.round(e.responseEnd - e.requestStart) }))`) as Array<{ bytes: number; ms: number }>;
    const kib = (b: number) => Math.round(b / 1024);
    console.log(`bench: the table says "${shown}"; last warm round: ${lists.length} list answer(s), the first ${kib(lists[0]?.bytes ?? 0)} KiB on the wire in ${lists[0]?.ms ?? 0} ms, `
      + `all ${kib(lists.reduce((n, l) => n + l.bytes, 0))} KiB; load average ${load()}`);
    console.table([
      { case: 'first row after navigation, cold cache (ms)', p50: Math.round(cold.first), p95: Math.round(cold.first), max: Math.round(cold.first) },
      { case: `first row after navigation, warm (${ROUNDS} rounds, ms)`, ...percentiles(warm.map((w) => w.first)) },
      { case: 'every row in, cold cache (ms)', p50: Math.round(cold.all), p95: Math.round(cold.all), max: Math.round(cold.all) },
      { case: `every row in, warm (${ROUNDS} rounds, ms)`, ...percentiles(warm.map((w) => w.all)) },
    ]);
    const scrolls: ScrollResult[] = [];
    for (const c of scrollCases(DEPLOYMENTS * REPLICAS)) {
      await page.evaluate('document.querySelector("[data-testid=pod-table]").scrollTop = 0');
      await sleep(500);
      const r = await measureScroll(page, '[data-testid=pod-table]', ROW_PX, c);
      if (r.stalled) console.log(`bench: the ${c.name} scroll did not finish: ${r.stalled}`);
      console.log(`bench: ${c.name}: main thread busy ${r.mainBusyPct} % of the time, on a core ${r.mainCpuPct} % (${r.mainWork}); long animation frames' scripts: ${r.longFrameScripts}; frame states: ${r.reporterStates}; load average ${load()}`);
      console.log(`bench: ${c.name}: the machine's cores during the gesture: ${r.machine}; CPU by Chromium thread: ${r.cpuByThread}`);
      console.log(`bench: ${c.name}: at each dropped frame the page's main thread ran: ${r.dropCauses}`);
      scrolls.push(r);
    }
    console.table(scrolls.map(({ mainWork: _w, longFrameScripts: _s, reporterStates: _r, stalled: _st, cpuByThread: _c, dropCauses: _d, machine: _m, ...r }) => r));
    console.log(`load average after: ${load()}; machine: ${os.cpus().length} cores, node ${process.version}`);
  } finally {
    await browser.close();
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
