/**
 * `npm run bench:cluster`: the simulated cluster under the issue's fixed
 * workload, against a real Pier started with `npm start` on a throwaway store
 * (PGlite, or a fresh database on PIER_BENCH_DATABASE_URL's PostgreSQL).
 *
 *  1. load: NODES nodes, DEPLOYMENTS Deployments of REPLICAS pods each, spread
 *     over NAMESPACES namespaces, created through the API; the controllers
 *     make the pods. Reports how long until every pod is available
 *     (Running and Ready; summed from the Deployments' status, since listing
 *     50,000 pods every few seconds would load the server it measures) and
 *     the rate in pods/s.
 *  2. list: a namespace's pods by label selector, 500 a page, following
 *     `continue`: per-page latency percentiles.
 *  3. watch: a pod watch open while pods are patched; the delay between
 *     sending the patch and the watch event arriving.
 *  4. rollout: a 100-replica Deployment changes its image; wall time until
 *     the rollout is complete (the kubectl `rollout status` rule).
 *  Throughout: the resident memory of Pier's processes, sampled every second.
 *
 * Everything goes over HTTP to /k8s/local with an admin token, as kubectl
 * or the adapter would. Numbers go to docs/performance.md by hand.
 */
import { benchDeployment, benchNode, timeRollout } from './bench-cluster-objects';
import { signIn, withBenchServer } from './bench-server';
import { percentiles, sleep, treeRssMiB } from './bench-stats';
import { watchDelay } from './bench-watch';

const PORT = Number(process.env.PIER_BENCH_PORT || 3291);
const BASE = `http://127.0.0.1:${PORT}`;
const K8S = `${BASE}/k8s/local`;
const PASSWORD = 'bench-password-1';
const NODES = Number(process.env.PIER_BENCH_NODES || 100);
const DEPLOYMENTS = Number(process.env.PIER_BENCH_DEPLOYMENTS || 500);
const REPLICAS = Number(process.env.PIER_BENCH_REPLICAS || 100);
const NAMESPACES = Number(process.env.PIER_BENCH_NAMESPACES || 10);
const ROLLOUT_REPLICAS = 100;
const LOAD_TIMEOUT_MS = Number(process.env.PIER_BENCH_LOAD_TIMEOUT_S || 1800) * 1000;

let token = '';

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** The little of an object or list that the bench reads. */
interface Obj {
  metadata: { name: string; generation?: number; resourceVersion?: string; continue?: string; labels?: Record<string, string> };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
  items: Obj[];
}

async function k8s(method: string, p: string, body?: unknown, contentType = 'application/json'): Promise<Obj> {
  const res = await fetch(K8S + p, {
    method,
    headers: headers(body === undefined ? {} : { 'content-type': contentType }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Obj;
}

/** Pods available, summed over the bench's Deployments' status (cheap to read at 50,000 pods, unlike listing them). */
async function availablePods(): Promise<number> {
  let count = 0;
  let cont = '';
  do {
    const q = new URLSearchParams({ limit: '500' });
    if (cont) q.set('continue', cont);
    const list = await k8s('GET', `/apis/apps/v1/deployments?${q}`);
    for (const d of list.items) if (d.metadata.name.startsWith('app-')) count += d.status?.availableReplicas ?? 0;
    cont = list.metadata?.continue ?? '';
  } while (cont);
  return count;
}

/** Pods in phase Running, listed 5,000 a page (once, at the end of the load). */
async function runningPods(): Promise<number> {
  let count = 0;
  let cont = '';
  do {
    const q = new URLSearchParams({ limit: '5000', fieldSelector: 'status.phase=Running' });
    if (cont) q.set('continue', cont);
    const list = await k8s('GET', `/api/v1/pods?${q}`);
    count += list.items.length;
    cont = list.metadata?.continue ?? '';
  } while (cont);
  return count;
}

async function load(): Promise<Record<string, unknown>> {
  const t0 = Date.now();
  for (let i = 0; i < NODES; i++) await k8s('POST', '/api/v1/nodes', benchNode(i));
  for (let n = 0; n < NAMESPACES; n++) {
    await k8s('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `bench-${n}` } });
  }
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const ns = `bench-${d % NAMESPACES}`;
    await k8s('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, benchDeployment(`app-${d}`, ns, REPLICAS, 'nginx:alpine'));
  }
  const created = Date.now();
  const want = DEPLOYMENTS * REPLICAS;
  let available = 0;
  let last = { at: created, n: 0 };
  let peakRate = 0;
  while (Date.now() - t0 < LOAD_TIMEOUT_MS) {
    available = await availablePods();
    const now = Date.now();
    if (now - last.at >= 10_000) {
      peakRate = Math.max(peakRate, ((available - last.n) * 1000) / (now - last.at));
      last = { at: now, n: available };
    }
    process.stdout.write(`\rbench: ${available}/${want} pods available after ${((now - t0) / 1000).toFixed(0)} s   `);
    if (available >= want) break;
    await sleep(2000);
  }
  process.stdout.write('\n');
  const done = Date.now();
  // The kubelet reports Running and Ready in one write once the image is on the node: available pods are Running ones.
  const running = await runningPods();
  return {
    nodes: NODES,
    deployments: DEPLOYMENTS,
    'pods wanted': want,
    'pods available': available,
    'pods Running (listed)': running,
    'objects created via API (s)': (created - t0) / 1000,
    'until all available (s)': (done - t0) / 1000,
    'pods/s (Deployments created → all available)': Math.round((available / ((done - created) / 1000)) * 10) / 10,
    'best 10 s window (pods/s)': Math.round(peakRate * 10) / 10,
  };
}

/** A namespace's pods by label selector, 500 a page. */
async function listByLabel(rounds: number): Promise<Record<string, number>> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const ns = `bench-${r % NAMESPACES}`;
    let cont = '';
    do {
      const q = new URLSearchParams({ labelSelector: 'tier=web', limit: '500' });
      if (cont) q.set('continue', cont);
      const t = performance.now();
      const res = await fetch(`${K8S}/api/v1/namespaces/${ns}/pods?${q}`, { headers: headers() });
      const list = (await res.json()) as Obj;
      samples.push(performance.now() - t);
      if (!res.ok) throw new Error(`list: ${res.status}`);
      cont = list.metadata?.continue ?? '';
    } while (cont);
  }
  return percentiles(samples);
}

withBenchServer({ port: PORT, password: PASSWORD }, async (server) => {
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, treeRssMiB(server.process.pid!));
  };
  const sampler = setInterval(sample, 1000);
  try {
    token = await signIn(BASE, 'admin', PASSWORD);
    const only = (process.env.PIER_BENCH_ONLY ?? 'load,list,watch,rollout').split(',');
    if (only.includes('load')) console.table([await load()]);
    if (only.includes('list')) console.table([{ case: 'list pods by label, 500 a page (ms)', ...(await listByLabel(40)) }]);
    if (only.includes('watch')) console.table([{ case: 'patch → watch event (ms)', ...(await watchDelay({ k8s: K8S, headers: headers(), namespace: 'bench-0', patches: 50, gap: () => 137 })) }]);
    if (only.includes('rollout')) console.table([await timeRollout(k8s, ROLLOUT_REPLICAS)]);
    sample();
    console.log(`peak resident memory of Pier (process tree): ${peakRss} MiB`);
  } finally {
    clearInterval(sampler);
  }
});
