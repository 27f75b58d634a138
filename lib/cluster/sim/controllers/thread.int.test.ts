import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@/lib/context';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { seedLocalCluster } from '../seed';
import { createObject, listObjects, type Sim } from '../store';
import { DEPLOYMENTS } from './deployment';
import { startControllersThread } from './thread';

let ts: TestStore;
let s: Sim;

beforeAll(async () => {
  ts = await openTestStore();
  const { clusterId } = await seedLocalCluster(ts.store.db, systemClock.now());
  s = { db: ts.store.db, clock: systemClock, clusterId };
}, 120_000);
afterAll(() => ts?.dispose());

// The thread opens its own pool on DATABASE_URL; PGlite cannot be shared with a thread, so `npm start` runs them inline there.
describe.skipIf(process.env.PIER_TEST_STORE !== 'pg')('controllers in a worker thread (PostgreSQL)', () => {
  it('runs the controllers on the database the server uses, and stops when asked', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = ts.url!;
    const thread = startControllersThread();
    process.env.DATABASE_URL = saved;
    try {
      await createObject(s, DEPLOYMENTS, 'default', {
        metadata: { name: 'threaded' },
        spec: {
          replicas: 2, selector: { matchLabels: { app: 'threaded' } },
          template: { metadata: { labels: { app: 'threaded' } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } },
        },
      });
      let pods: { spec?: { nodeName?: string } }[] = [];
      for (let i = 0; i < 600 && pods.filter((p) => p.spec?.nodeName).length < 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        pods = (await listObjects(s, PODS, { namespace: 'default', labelSelector: 'app=threaded' })).items as typeof pods;
      }
      // Created by the ReplicaSet the Deployment controller made, and bound by the scheduler: both ran in the thread.
      expect(pods).toHaveLength(2);
      expect(pods.every((p) => p.spec?.nodeName)).toBe(true);
    } finally {
      await thread.stop();
    }
    // Stopped: a new Deployment gets no ReplicaSet.
    await createObject(s, DEPLOYMENTS, 'default', {
      metadata: { name: 'after-stop' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'after' } }, template: { metadata: { labels: { app: 'after' } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } },
    });
    await new Promise((r) => setTimeout(r, 2000));
    expect((await listObjects(s, PODS, { namespace: 'default', labelSelector: 'app=after' })).items).toHaveLength(0);
  }, 120_000);
});
