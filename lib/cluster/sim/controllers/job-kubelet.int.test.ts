import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { createObject, getObject, listObjects, type Sim } from '../store';
import { defaultControllers } from './index';
import { JOBS } from './job';
import { ClusterManager } from './manager';
import { STATEFULSETS } from './statefulset';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

// Every controller a simulated cluster runs, with the real scheduler and kubelet: how Job pods end is the kubelet's
// simulated exit (lib/cluster/sim/controllers/run.ts): `sleep N` succeeds after N s, `false` fails after 1 s.
let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');
const NS = 'alpha';

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, defaultControllers()));
});
afterAll(() => closeSimTestbed(ts, m));

const job = (name: string, command: string[], spec: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command }] } }, ...spec },
});
const status = async (name: string) => (await getObject(s, JOBS, NS, name)).status as Record<string, unknown>;

describe('workloads with the simulated kubelet', () => {
  it('a Job whose containers run `sleep 5` completes its completions one after another', async () => {
    await createObject(s, JOBS, NS, job('sleeper', ['sleep', '5'], { completions: 2 }));
    await runFor(m, clock, 60_000);
    const st = await status('sleeper');
    expect(st).toMatchObject({ succeeded: 2, ready: 0 });
    expect(st.conditions).toEqual([expect.objectContaining({ type: 'Complete', status: 'True' })]);
    const pods = await listObjects(s, PODS, { namespace: NS, labelSelector: 'job-name=sleeper' });
    expect(pods.items.map((p) => (p.status as { phase: string }).phase)).toEqual(['Succeeded', 'Succeeded']);
  });

  it('a Job whose container runs `false` fails with BackoffLimitExceeded', async () => {
    await createObject(s, JOBS, NS, job('crasher', ['false'], { backoffLimit: 1 }));
    await runFor(m, clock, 120_000);
    const st = await status('crasher');
    expect(st).toMatchObject({ failed: 2 });
    expect(st.conditions).toEqual([expect.objectContaining({ type: 'Failed', reason: 'BackoffLimitExceeded' })]);
  });

  it('an OrderedReady StatefulSet comes up pod by pod as the kubelet makes each Ready', async () => {
    await createObject(s, STATEFULSETS, NS, {
      metadata: { name: 'db' },
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'redis' }] } } },
    });
    await runFor(m, clock, 60_000);
    expect((await getObject(s, STATEFULSETS, NS, 'db')).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const pods = await listObjects(s, PODS, { namespace: NS, labelSelector: 'app=db' });
    expect(pods.items.map((p) => (p.status as { phase: string }).phase)).toEqual(['Running', 'Running', 'Running']);
  });
});
