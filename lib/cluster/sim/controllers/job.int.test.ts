import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { k8sTime, metaOf, type K8sObject } from '../objects';
import { createObject, getObject, listObjects, patchObject, type Sim } from '../store';
import { K8sError } from '../status';
import { EVENTS } from './events';
import { JOBS, jobController } from './job';
import { ClusterManager } from './manager';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');
const NS = 'alpha';

beforeAll(async () => {
  // Only the Job controller runs: the test plays the kubelet (finish() below) so it decides when and how each pod ends.
  ({ ts, s, m } = await openSimTestbed(clock, [jobController]));
});
afterAll(() => closeSimTestbed(ts, m));

const job = (name: string, spec: Record<string, unknown>) => ({
  metadata: { name },
  spec: {
    template: { metadata: { labels: { app: name } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '5'] }] } },
    ...spec,
  },
});

async function podsOf(name: string): Promise<K8sObject[]> {
  const all = await listObjects(s, PODS, { namespace: NS, labelSelector: `job-name=${name}` });
  return all.items;
}
const active = async (name: string) => (await podsOf(name)).filter((p) => !['Succeeded', 'Failed'].includes(String((p.status as { phase?: string }).phase)));
const status = async (name: string) => (await getObject(s, JOBS, NS, name)).status as Record<string, unknown>;

/** What the kubelet writes when the pod's container exits. */
async function finish(pod: K8sObject, phase: 'Succeeded' | 'Failed'): Promise<void> {
  const now = k8sTime(clock.now());
  await patchObject(s, PODS, NS, metaOf(pod).name!, 'merge', {
    status: {
      phase,
      containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: now, finishedAt: now } } }],
    },
  }, 'status');
  await m.settle();
}

describe('Job controller', () => {
  it('runs `parallelism` pods at a time until `completions` succeeded, then is Complete', async () => {
    await createObject(s, JOBS, NS, job('pi', { completions: 3, parallelism: 2 }));
    await m.settle();
    let pods = await active('pi');
    expect(pods).toHaveLength(2);
    const j = await getObject(s, JOBS, NS, 'pi');
    expect(metaOf(pods[0]).name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(metaOf(pods[0]).labels).toMatchObject({ app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': metaOf(j).uid });
    expect(pods[0].spec).toMatchObject({ restartPolicy: 'Never' });
    expect(await status('pi')).toMatchObject({ active: 2, ready: 0, startTime: '2026-03-01T10:00:00Z' });

    clock.advance(5000);
    await finish(pods[0], 'Succeeded');
    pods = await active('pi');
    // One left to do and one running: only one more pod.
    expect(pods).toHaveLength(2);
    expect(await status('pi')).toMatchObject({ active: 2, succeeded: 1 });
    await finish(pods[0], 'Succeeded');
    expect(await active('pi')).toHaveLength(1);
    await finish((await active('pi'))[0], 'Succeeded');

    const done = await status('pi');
    expect(done).toMatchObject({ succeeded: 3, startTime: '2026-03-01T10:00:00Z', completionTime: '2026-03-01T10:00:05Z', ready: 0 });
    expect(done.active).toBeUndefined();
    expect(done.conditions).toEqual([expect.objectContaining({ type: 'Complete', status: 'True', reason: 'CompletionsReached' })]);
    const events = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=pi' });
    expect(events.items.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(3);
    expect(events.items.find((e) => e.reason === 'Completed')).toMatchObject({ message: 'Job completed', source: { component: 'job-controller' } });
    // Finished: nothing more happens.
    await runFor(m, clock, 600_000);
    expect(await podsOf('pi')).toHaveLength(3);
  });

  it('backs off after a failure, then fails with BackoffLimitExceeded once failures pass backoffLimit', async () => {
    await createObject(s, JOBS, NS, job('flaky', { backoffLimit: 1 }));
    await m.settle();
    await finish((await active('flaky'))[0], 'Failed');
    expect(await status('flaky')).toMatchObject({ failed: 1 });
    expect(await active('flaky')).toHaveLength(0);
    // The first retry waits 10 s.
    await runFor(m, clock, 9_000);
    expect(await active('flaky')).toHaveLength(0);
    await runFor(m, clock, 1_000);
    expect(await active('flaky')).toHaveLength(1);
    await finish((await active('flaky'))[0], 'Failed');

    const st = await status('flaky');
    expect(st).toMatchObject({ failed: 2 });
    expect(st.conditions).toEqual([expect.objectContaining({
      type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit',
    })]);
    const ev = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=flaky,reason=BackoffLimitExceeded' });
    expect(ev.items[0]).toMatchObject({ type: 'Warning' });
    await runFor(m, clock, 600_000);
    expect(await podsOf('flaky')).toHaveLength(2);
  });

  it('activeDeadlineSeconds: deletes the running pods and fails with DeadlineExceeded', async () => {
    await createObject(s, JOBS, NS, job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }));
    await m.settle();
    expect(await active('slow')).toHaveLength(2);
    await runFor(m, clock, 29_000);
    expect((await status('slow')).conditions).toBeUndefined();
    await runFor(m, clock, 1_000);
    expect(await podsOf('slow')).toHaveLength(0);
    const st = await status('slow');
    expect(st.active).toBeUndefined();
    expect(st.conditions).toEqual([expect.objectContaining({ type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' })]);
  });

  it('Indexed: one pod per index with its index annotation, completedIndexes, a failed index retried', async () => {
    await createObject(s, JOBS, NS, job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    await m.settle();
    const pods = await active('idx');
    const byIndex = new Map(pods.map((p) => [metaOf(p).annotations?.['batch.kubernetes.io/job-completion-index'], p]));
    expect([...byIndex.keys()].sort()).toEqual(['0', '1', '2']);
    expect(metaOf(byIndex.get('1')!).name).toMatch(/^idx-1-[a-z0-9]{5}$/);
    expect(byIndex.get('1')!.spec).toMatchObject({ hostname: 'idx-1' });
    await finish(byIndex.get('1')!, 'Succeeded');
    await finish(byIndex.get('2')!, 'Succeeded');
    expect(await status('idx')).toMatchObject({ completedIndexes: '1-2', succeeded: 2, active: 1 });
    await finish(byIndex.get('0')!, 'Failed');
    await runFor(m, clock, 10_000);
    const retry = await active('idx');
    expect(retry).toHaveLength(1);
    expect(metaOf(retry[0]).annotations?.['batch.kubernetes.io/job-completion-index']).toBe('0');
    await finish(retry[0], 'Succeeded');
    expect(await status('idx')).toMatchObject({ completedIndexes: '0-2', succeeded: 3, failed: 1 });
  });

  it('suspend deletes the running pods; resuming starts them again', async () => {
    await createObject(s, JOBS, NS, job('paused', { parallelism: 2, completions: 2 }));
    await m.settle();
    expect(await active('paused')).toHaveLength(2);
    await patchObject(s, JOBS, NS, 'paused', 'merge', { spec: { suspend: true } });
    await m.settle();
    expect(await active('paused')).toHaveLength(0);
    expect((await status('paused')).conditions).toEqual([expect.objectContaining({ type: 'Suspended', status: 'True', reason: 'JobSuspended' })]);
    await patchObject(s, JOBS, NS, 'paused', 'merge', { spec: { suspend: false } });
    await m.settle();
    expect(await active('paused')).toHaveLength(2);
    expect((await status('paused')).conditions).toEqual([expect.objectContaining({ type: 'Suspended', status: 'False', reason: 'JobResumed' })]);
  });

  it('ttlSecondsAfterFinished deletes the finished Job and its pods', async () => {
    await createObject(s, JOBS, NS, job('once', { ttlSecondsAfterFinished: 60 }));
    await m.settle();
    await finish((await active('once'))[0], 'Succeeded');
    await runFor(m, clock, 59_000);
    await getObject(s, JOBS, NS, 'once');
    await runFor(m, clock, 1_000);
    await expect(getObject(s, JOBS, NS, 'once')).rejects.toBeInstanceOf(K8sError);
    expect(await podsOf('once')).toHaveLength(0);
  });
});
