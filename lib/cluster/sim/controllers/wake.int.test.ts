import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@/lib/context';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import type { K8sObject } from '../objects';
import { seedLocalCluster } from '../seed';
import { createObject, getObject, type Sim } from '../store';
import { createKubelet } from './kubelet';
import { ClusterManager } from './manager';
import { createScheduler } from './scheduler';

/**
 * The live loop (start(), real time), not settle(): it must run a round when
 * a change commits or a queued key falls due, and otherwise stay idle. The
 * idle fallback is set to a minute, so a loop that only polled would not
 * schedule or start a pod within these tests' bounds.
 */
let ts: TestStore;
let s: Sim;
let m: ClusterManager;

beforeAll(async () => {
  ts = await openTestStore();
  const { clusterId } = await seedLocalCluster(ts.store.db, systemClock.now());
  s = { db: ts.store.db, clock: systemClock, clusterId };
  m = new ClusterManager({ sim: s, controllers: [createScheduler(), createKubelet()], idleRoundMs: 60_000, log: () => undefined });
  m.start();
});
afterAll(async () => {
  await m?.stop();
  await ts?.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms, at most `tries` times: a bound on waiting, not a speed assertion. */
async function eventually<T>(check: () => Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await sleep(50);
  }
  throw new Error('condition not reached within the bound');
}

describe('controllers live loop', () => {
  it('listens for changes and, once caught up, runs no rounds while nothing changes', async () => {
    await eventually(async () => (m.listening && m.idleRounds > 0 ? true : undefined));
    // Let the rounds that read the seeding's own notifications pass.
    await sleep(300);
    const before = m.idleRounds;
    await sleep(1000);
    // Polling every 50 ms would have made ~20 idle rounds here.
    expect(m.idleRounds - before).toBeLessThanOrEqual(1);
  });

  it('a committed change wakes it: the pod is scheduled, and started when its pull falls due', async () => {
    await createObject(s, PODS, 'alpha', { metadata: { name: 'woken' }, spec: { containers: [{ name: 'main', image: 'nginx:alpine' }] } });
    const pod = async () => (await getObject(s, PODS, 'alpha', 'woken')) as K8sObject & { spec: { nodeName?: string }; status?: { phase?: string } };
    const node = await eventually(async () => (await pod()).spec.nodeName);
    expect(node).toMatch(/^worker-/);
    // Running comes after the kubelet's 1 s pull: a key due later, with no change to wake the loop.
    expect(await eventually(async () => ((await pod()).status?.phase === 'Running' ? true : undefined))).toBe(true);
  });
});
