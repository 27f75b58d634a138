/**
 * The simulated cluster's controllers alone, in this process, with no HTTP:
 * how fast they turn Deployments into Ready pods, and a rolling update's wall
 * time, optionally beside a cluster filled with the controllers' end state
 * (bench-cluster-fill.ts: the issue's 50,000 pods). For profiling
 * (`node --cpu-prof --import tsx`) and before/after comparisons of the
 * controllers; `npm run bench:cluster-read` is the end-to-end bench.
 *
 *   PIER_PROFILE_DATABASE_URL=postgres://.../postgres  (a fresh database is made and dropped; else PGlite in memory)
 *   PIER_PROFILE_NODES=20 PIER_PROFILE_DEPLOYMENTS=20 PIER_PROFILE_REPLICAS=50
 *   PIER_PROFILE_FILL_DEPLOYMENTS=500 PIER_PROFILE_FILL_REPLICAS=100  (fill first; nodes are PIER_PROFILE_NODES)
 *   PIER_PROFILE_ROLLOUT=100 (replicas of the timed rolling update; 0 skips it)
 *   PIER_PROFILE_ROLLOUTS=1 (how many times to time it, each in a namespace of its own)
 *   PIER_PROFILE_RESYNC=1 (afterwards, time one resync of every key)
 *   npx tsx lib/tooling/profile-controllers.ts
 */
import { readFileSync } from 'node:fs';
import { openStore } from '@/db/client';
import { migrate } from '@/db/migrate';
import { systemClock } from '@/lib/context';
import { defaultControllers } from '@/lib/cluster/sim/controllers';
import { ClusterManager } from '@/lib/cluster/sim/controllers/manager';
import { DEPLOYMENTS } from '@/lib/cluster/sim/controllers/deployment';
import { NAMESPACES, NODES } from '@/lib/cluster/sim/kinds';
import { seedLocalCluster } from '@/lib/cluster/sim/seed';
import { createObject, patchObject, type Sim } from '@/lib/cluster/sim/store';
import { freshDatabase } from './bench-server';
import { benchDeployment, benchNode, rolloutComplete } from './bench-cluster-objects';
import { fillCluster } from './bench-cluster-fill';
import { databaseCpuMs } from './bench-cluster-cpu';

const N_NODES = Number(process.env.PIER_PROFILE_NODES || 20);
const N_DEPLOYMENTS = Number(process.env.PIER_PROFILE_DEPLOYMENTS ?? 20);
const REPLICAS = Number(process.env.PIER_PROFILE_REPLICAS || 50);
const FILL_DEPLOYMENTS = Number(process.env.PIER_PROFILE_FILL_DEPLOYMENTS || 0);
const FILL_REPLICAS = Number(process.env.PIER_PROFILE_FILL_REPLICAS || 100);
const ROLLOUT = Number(process.env.PIER_PROFILE_ROLLOUT ?? 100);
const ROLLOUTS = Number(process.env.PIER_PROFILE_ROLLOUTS || 1);
const RESYNC = process.env.PIER_PROFILE_RESYNC === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Wall, this process's CPU and (on PostgreSQL) the database backends' CPU over `fn`, in ms. */
async function measured<T>(database: string | null, fn: () => Promise<T>): Promise<{ out: T; wallMs: number; cpuMs: number; dbCpuMs: number | null }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const d = database ? databaseCpuMs(database) : 0;
  const out = await fn();
  const used = process.cpuUsage(c);
  return {
    out,
    wallMs: performance.now() - t,
    cpuMs: (used.user + used.system) / 1000,
    dbCpuMs: database ? databaseCpuMs(database) - d : null,
  };
}

const fmt = (m: { wallMs: number; cpuMs: number; dbCpuMs: number | null }) =>
  `${(m.wallMs / 1000).toFixed(1)} s wall, ${Math.round(m.cpuMs)} ms CPU here${m.dbCpuMs === null ? '' : `, ${m.dbCpuMs} ms CPU in PostgreSQL`}`;

async function main(): Promise<void> {
  const server = process.env.PIER_PROFILE_DATABASE_URL;
  const database = server ? await freshDatabase(server) : null;
  const dbName = database ? new URL(database.url).pathname.slice(1) : null;
  const store = await openStore({ url: database?.url ?? 'memory://' });
  console.log(`profile: ${store.driver}; load average ${load()}`);
  try {
    await migrate(store);
    const { clusterId } = await seedLocalCluster(store.db, new Date());
    const sim: Sim = { db: store.db, clock: systemClock, clusterId };
    if (FILL_DEPLOYMENTS > 0) {
      const t = performance.now();
      const r = await fillCluster(sim, { nodes: N_NODES, deployments: FILL_DEPLOYMENTS, replicas: FILL_REPLICAS, namespaces: 10 });
      console.log(`fill: ${r.pods} pods in ${r.deployments} Deployments over ${r.nodes} nodes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else {
      for (let i = 0; i < N_NODES; i++) await createObject(sim, NODES, undefined, benchNode(i));
    }
    await createObject(sim, NAMESPACES, undefined, { metadata: { name: 'prof' } });
    const m = new ClusterManager({ sim, controllers: defaultControllers(), pollMs: 20 });
    const loaded = await measured(dbName, async () => {
      m.start();
      // The first load (cache, resync of every key) ends with a round that found nothing to do.
      while (!m.idleRounds) await sleep(50);
    });
    console.log(`manager loaded and idle: ${fmt(loaded)}; cache ${m.cache.size()} objects; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
    if (N_DEPLOYMENTS > 0) {
      const t0 = Date.now();
      for (let d = 0; d < N_DEPLOYMENTS; d++) await createObject(sim, DEPLOYMENTS, 'prof', benchDeployment(`app-${d}`, 'prof', REPLICAS, 'nginx:alpine'));
      const want = N_DEPLOYMENTS * REPLICAS;
      for (;;) {
        const ready = N_DEPLOYMENTS > 0 ? [...Array(N_DEPLOYMENTS).keys()].reduce((n, d) =>
          n + Number((m.cache.get(DEPLOYMENTS, 'prof', `app-${d}`)?.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0), 0) : 0;
        if (ready >= want) break;
        await sleep(200);
      }
      const loadS = (Date.now() - t0) / 1000;
      console.log(`${store.driver}: ${want} pods available in ${loadS.toFixed(1)} s = ${(want / loadS).toFixed(1)} pods/s; cache ${m.cache.size()} objects; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
    }
    for (let r = 0; r < (ROLLOUT > 0 ? ROLLOUTS : 0); r++) {
      const ns = `roll-${r}`;
      await createObject(sim, NAMESPACES, undefined, { metadata: { name: ns } });
      const created = await measured(dbName, async () => {
        await createObject(sim, DEPLOYMENTS, ns, benchDeployment('roll', ns, ROLLOUT, 'nginx:alpine'));
        while (!rolloutComplete(m.cache.get(DEPLOYMENTS, ns, 'roll'))) await sleep(50);
      });
      const rolled = await measured(dbName, async () => {
        await patchObject(sim, DEPLOYMENTS, ns, 'roll', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
        for (;;) {
          const d = m.cache.get(DEPLOYMENTS, ns, 'roll');
          if (d && (d.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image === 'nginx:1.27' && rolloutComplete(d)) break;
          await sleep(50);
        }
      });
      console.log(`rollout ${r + 1} of ${ROLLOUT} replicas: create → complete ${fmt(created)}; image change → complete ${fmt(rolled)}; load average ${load()}`);
    }
    if (RESYNC) {
      // Every key of every controller queued at once, as the periodic resync does, and run to the end.
      const resync = await measured(dbName, async () => {
        await m.stop();
        m.resyncNow();
        await m.settle();
      });
      console.log(`one resync of every key (${m.cache.size()} objects cached): ${fmt(resync)}`);
    }
    console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB; load average ${load()}`);
    await m.stop();
  } finally {
    await store.close();
    await database?.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
