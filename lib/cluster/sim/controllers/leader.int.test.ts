import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { seedLocalCluster } from '../seed';
import { createObject, type Sim } from '../store';
import { pgLeaderLock } from './leader';
import { ClusterManager } from './manager';
import { REPLICASETS, replicaSetController } from './replicaset';

let ts: TestStore;
let s: Sim;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ts = await openTestStore();
  const { clusterId } = await seedLocalCluster(ts.store.db, clock.now());
  s = { db: ts.store.db, clock, clusterId };
});
afterAll(() => ts?.dispose());

// Leadership only exists on PostgreSQL: with PGlite one process owns the store and always leads.
describe.skipIf(process.env.PIER_TEST_STORE !== 'pg')('controller leadership on PostgreSQL', () => {
  it('two managers on one database: only one leads; when it stops, the other takes over', async () => {
    const a = new ClusterManager({ sim: s, controllers: [replicaSetController], leader: pgLeaderLock(ts.url!, s.clusterId) });
    const b = new ClusterManager({ sim: s, controllers: [replicaSetController], leader: pgLeaderLock(ts.url!, s.clusterId) });
    await a.settle();
    await b.settle();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);

    await createObject(s, REPLICASETS, 'alpha', {
      metadata: { name: 'led' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'led' } }, template: { metadata: { labels: { app: 'led' } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } },
    });
    await b.settle();
    expect(b.cache.size()).toBe(0);
    await a.settle();
    expect(a.cache.list(REPLICASETS, 'alpha')).toHaveLength(1);

    await a.stop();
    await b.settle();
    expect(b.isLeader).toBe(true);
    expect(b.cache.list(REPLICASETS, 'alpha')).toHaveLength(1);
    await b.stop();
  });
});
