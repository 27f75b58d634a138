import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { k8sTime, metaOf } from '../objects';
import { createObject, getObject, listObjects, patchObject, type Sim } from '../store';
import { CRONJOBS, cronJobController, jobNameFor } from './cronjob';
import { EVENTS } from './events';
import { JOBS, jobController } from './job';
import { ClusterManager } from './manager';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');
const NS = 'alpha';
const MIN = 60_000;

beforeAll(async () => {
  // The CronJob and Job controllers run; the test plays the kubelet (finishPods) to end the Jobs' pods.
  ({ ts, s, m } = await openSimTestbed(clock, [cronJobController, jobController]));
});
afterAll(() => closeSimTestbed(ts, m));

const cronJob = (name: string, schedule: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    schedule,
    jobTemplate: {
      metadata: { labels: { cron: name } },
      spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', command: ['date'] }] } } },
    },
    ...extra,
  },
});

async function jobsOf(name: string): Promise<string[]> {
  return (await listObjects(s, JOBS, { namespace: NS, labelSelector: `cron=${name}` })).items.map((j) => metaOf(j).name!).sort();
}
const status = async (name: string) => (await getObject(s, CRONJOBS, NS, name)).status as Record<string, unknown>;
const minutes = (iso: string) => Date.parse(iso);

/** What the kubelet writes when the running pods of a Job exit 0. */
async function finishPods(job: string): Promise<void> {
  const now = k8sTime(clock.now());
  for (const p of (await listObjects(s, PODS, { namespace: NS, labelSelector: `job-name=${job}` })).items) {
    await patchObject(s, PODS, NS, metaOf(p).name!, 'merge', {
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'c', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: now } } }] },
    }, 'status');
  }
  await m.settle();
}

describe('CronJob controller', () => {
  it('starts a Job named <cronjob>-<minutes since epoch> at each scheduled time and tracks it in status', async () => {
    await createObject(s, CRONJOBS, NS, cronJob('hello', '*/5 * * * *', { successfulJobsHistoryLimit: 1 }));
    await m.settle();
    expect(await jobsOf('hello')).toEqual([]);
    await runFor(m, clock, 5 * MIN - 1000);
    expect(await jobsOf('hello')).toEqual([]);
    await runFor(m, clock, 1000);
    const first = jobNameFor('hello', minutes('2026-03-01T10:05:00Z'));
    expect(first).toBe(`hello-${Date.parse('2026-03-01T10:05:00Z') / MIN}`);
    expect(await jobsOf('hello')).toEqual([first]);
    const job = await getObject(s, JOBS, NS, first);
    expect(metaOf(job).annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-03-01T10:05:00Z' });
    expect(metaOf(job).ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    const st = await status('hello');
    expect(st).toMatchObject({ lastScheduleTime: '2026-03-01T10:05:00Z', active: [{ kind: 'Job', name: first, uid: metaOf(job).uid, namespace: NS, apiVersion: 'batch/v1' }] });

    clock.advance(30_000);
    await finishPods(first);
    const after = await status('hello');
    expect(after.active).toBeUndefined();
    expect(after).toMatchObject({ lastScheduleTime: '2026-03-01T10:05:00Z', lastSuccessfulTime: '2026-03-01T10:05:30Z' });
    const seen = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=hello,reason=SawCompletedJob' });
    expect(seen.items[0]).toMatchObject({ message: `Saw completed job: ${first}, status: Complete` });

    // The next run completes too: successfulJobsHistoryLimit 1 deletes the first.
    await runFor(m, clock, 5 * MIN - 30_000);
    const second = jobNameFor('hello', minutes('2026-03-01T10:10:00Z'));
    await finishPods(second);
    expect(await jobsOf('hello')).toEqual([second]);
    const deleted = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=hello,reason=SuccessfulDelete' });
    expect(deleted.items.map((e) => e.message)).toEqual([`Deleted job ${first}`]);
    await patchObject(s, CRONJOBS, NS, 'hello', 'merge', { spec: { suspend: true } });
  });

  it('concurrencyPolicy: Allow runs Jobs side by side, Forbid skips while one runs, Replace deletes the running one', async () => {
    const start = clock.now().getTime();
    await createObject(s, CRONJOBS, NS, cronJob('allow', '* * * * *'));
    await createObject(s, CRONJOBS, NS, cronJob('forbid', '* * * * *', { concurrencyPolicy: 'Forbid' }));
    await createObject(s, CRONJOBS, NS, cronJob('replace', '* * * * *', { concurrencyPolicy: 'Replace' }));
    await runFor(m, clock, 2 * MIN);
    const t1 = Math.floor(start / MIN) + 1;
    expect(await jobsOf('allow')).toEqual([`allow-${t1}`, `allow-${t1 + 1}`]);
    expect((await status('allow')).active).toHaveLength(2);
    expect(await jobsOf('forbid')).toEqual([`forbid-${t1}`]);
    expect(await jobsOf('replace')).toEqual([`replace-${t1 + 1}`]);
    const del = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=replace,reason=SuccessfulDelete' });
    expect(del.items.map((e) => e.message)).toEqual([`Deleted job replace-${t1}`]);
    // Once the running Job ends, Forbid starts the time it skipped, late (no startingDeadlineSeconds).
    await finishPods(`forbid-${t1}`);
    expect(await jobsOf('forbid')).toEqual([`forbid-${t1}`, `forbid-${t1 + 1}`]);
    for (const n of ['allow', 'forbid', 'replace']) await patchObject(s, CRONJOBS, NS, n, 'merge', { spec: { suspend: true } });
  });

  it('suspend starts nothing; on resume only the latest missed time runs, and not if it is past startingDeadlineSeconds', async () => {
    await createObject(s, CRONJOBS, NS, cronJob('late', '*/10 * * * *', { suspend: true, startingDeadlineSeconds: 60 }));
    await createObject(s, CRONJOBS, NS, cronJob('catchup', '*/10 * * * *', { suspend: true }));
    await runFor(m, clock, 35 * MIN);
    expect(await jobsOf('late')).toEqual([]);
    expect(await jobsOf('catchup')).toEqual([]);
    const now = clock.now().getTime();
    const lastTen = Math.floor(now / (10 * MIN)) * 10 * MIN;
    expect(now - lastTen).toBeGreaterThan(60_000);
    await patchObject(s, CRONJOBS, NS, 'late', 'merge', { spec: { suspend: false } });
    await patchObject(s, CRONJOBS, NS, 'catchup', 'merge', { spec: { suspend: false } });
    await m.settle();
    expect(await jobsOf('late')).toEqual([]);
    expect(await jobsOf('catchup')).toEqual([jobNameFor('catchup', lastTen)]);
    await runFor(m, clock, lastTen + 10 * MIN - now);
    expect(await jobsOf('late')).toEqual([jobNameFor('late', lastTen + 10 * MIN)]);
    for (const n of ['late', 'catchup']) await patchObject(s, CRONJOBS, NS, n, 'merge', { spec: { suspend: true } });
  });

  it('timeZone: the schedule is read in that zone and the annotation carries its offset', async () => {
    clock.set('2026-03-02T00:30:00Z');
    await createObject(s, CRONJOBS, NS, cronJob('tz', '0 9 * * *', { timeZone: 'Asia/Shanghai' }));
    await runFor(m, clock, 30 * MIN);
    const name = jobNameFor('tz', minutes('2026-03-02T01:00:00Z'));
    expect(await jobsOf('tz')).toEqual([name]);
    expect(metaOf(await getObject(s, JOBS, NS, name)).annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-03-02T09:00:00+08:00');
  });

  it('an unparseable schedule or an unknown timeZone starts nothing and says why in a Warning event', async () => {
    await createObject(s, CRONJOBS, NS, cronJob('bad', '61 * * * *'));
    await createObject(s, CRONJOBS, NS, cronJob('nozone', '* * * * *', { timeZone: 'Mars/Olympus' }));
    await runFor(m, clock, 3 * MIN);
    expect(await jobsOf('bad')).toEqual([]);
    expect(await jobsOf('nozone')).toEqual([]);
    const ev = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=bad,reason=UnparseableSchedule' });
    expect(ev.items[0]).toMatchObject({ type: 'Warning', message: expect.stringContaining('unparseable schedule: "61 * * * *"') });
    const tz = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=nozone,reason=UnknownTimeZone' });
    expect(tz.items[0]).toMatchObject({ type: 'Warning' });
  });
});
