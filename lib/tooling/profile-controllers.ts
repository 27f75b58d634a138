/**
 * The simulated cluster's controllers alone, in this process, with no HTTP:
 * how fast they turn Deployments into Ready pods, and a rolling update's wall
 * time. For profiling (`node --cpu-prof`) and before/after comparisons of the
 * controllers' write path; `npm run bench:cluster` is the end-to-end bench.
 *
 *   PIER_PROFILE_DATABASE_URL=postgres://.../postgres  (a fresh database is made and dropped; else PGlite in memory)
 *   PIER_PROFILE_NODES=20 PIER_PROFILE_DEPLOYMENTS=20 PIER_PROFILE_REPLICAS=50
 *   npx tsx lib/tooling/profile-controllers.ts
 */
import { openStore } from '@/db/client';
import { migrate } from '@/db/migrate';
import { systemClock } from '@/lib/context';
import { defaultControllers } from '@/lib/cluster/sim/controllers';
import { ClusterManager } from '@/lib/cluster/sim/controllers/manager';
import { DEPLOYMENTS } from '@/lib/cluster/sim/controllers/deployment';
import { findKind, NAMESPACES, NODES } from '@/lib/cluster/sim/kinds';
import { seedLocalCluster } from '@/lib/cluster/sim/seed';
import { createObject, patchObject, type Sim } from '@/lib/cluster/sim/store';
import { freshDatabase } from './bench-server';
import { benchDeployment, benchNode, rolloutComplete } from './bench-cluster-objects';

const N_NODES = Number(process.env.PIER_PROFILE_NODES || 20);
const N_DEPLOYMENTS = Number(process.env.PIER_PROFILE_DEPLOYMENTS || 20);
const REPLICAS = Number(process.env.PIER_PROFILE_REPLICAS || 50);
const ROLLOUT = Number(process.env.PIER_PROFILE_ROLLOUT || 100);
const PODS = findKind('', 'v1', 'pods')!;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const server = process.env.PIER_PROFILE_DATABASE_URL;
  const database = server ? await freshDatabase(server) : null;
  const store = await openStore({ url: database?.url ?? 'memory://' });
  try {
    await migrate(store);
    const { clusterId } = await seedLocalCluster(store.db, new Date());
    const sim: Sim = { db: store.db, clock: systemClock, clusterId };
    for (let i = 0; i < N_NODES; i++) await createObject(sim, NODES, undefined, benchNode(i));
    await createObject(sim, NAMESPACES, undefined, { metadata: { name: 'prof' } });
    const m = new ClusterManager({ sim, controllers: defaultControllers(), pollMs: 20 });
    m.start();
    const t0 = Date.now();
    for (let d = 0; d < N_DEPLOYMENTS; d++) await createObject(sim, DEPLOYMENTS, 'prof', benchDeployment(`app-${d}`, 'prof', REPLICAS, 'nginx:alpine'));
    const want = N_DEPLOYMENTS * REPLICAS;
    for (;;) {
      const ready = m.cache.list(DEPLOYMENTS).reduce((n, d) => n + Number((d.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0), 0);
      if (ready >= want) break;
      await sleep(200);
    }
    const loadS = (Date.now() - t0) / 1000;
    console.log(`${store.driver}: ${want} pods available in ${loadS.toFixed(1)} s = ${(want / loadS).toFixed(1)} pods/s; cache ${m.cache.size()} objects; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
    if (ROLLOUT > 0) {
      const t1 = Date.now();
      await createObject(sim, DEPLOYMENTS, 'prof', benchDeployment('roll', 'prof', ROLLOUT, 'nginx:alpine'));
      while (!rolloutComplete(m.cache.get(DEPLOYMENTS, 'prof', 'roll'))) await sleep(50);
      const created = (Date.now() - t1) / 1000;
      const t2 = Date.now();
      await patchObject(sim, DEPLOYMENTS, 'prof', 'roll', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
      for (;;) {
        const d = m.cache.get(DEPLOYMENTS, 'prof', 'roll');
        if (d && (d.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image === 'nginx:1.27' && rolloutComplete(d)) break;
        await sleep(50);
      }
      console.log(`rollout of ${ROLLOUT}: create → complete ${created.toFixed(1)} s; image change → complete ${((Date.now() - t2) / 1000).toFixed(1)} s`);
    }
    void PODS;
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
