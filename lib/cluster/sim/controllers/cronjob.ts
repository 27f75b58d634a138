import { findKind } from '../kinds';
import { isPlainObject, k8sTime, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { K8sError } from '../status';
import { controllerOf, keyOf, splitKey, type ObservedChange } from './cache';
import { checkTimeZone, nextTime, parseSchedule, ScheduleError, type Schedule } from './cronjob-schedule';
import { isFinished, JOBS } from './job';
import { conditionOf, intOr, specOf, statusOf } from './pods';
import type { Controller, ControllerContext, Requeue } from './types';

export const CRONJOBS = findKind('batch', 'v1', 'cronjobs')!;

const SOURCE = { component: 'cronjob-controller' };

/** Beyond this many missed start times the controller only starts the latest and warns, as the real one does. */
const TOO_MANY_MISSED = 100;

/** The annotation each Job gets with the time it was scheduled for. */
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** The Job name for a scheduled time: `<cronjob>-<minutes since the epoch>`. */
export const jobNameFor = (cronJob: string, scheduled: number) => `${cronJob}-${Math.floor(scheduled / 60_000)}`;

const jobRef = (j: K8sObject) => ({
  kind: 'Job', namespace: metaOf(j).namespace, name: metaOf(j).name, uid: metaOf(j).uid, apiVersion: 'batch/v1', resourceVersion: metaOf(j).resourceVersion,
});

function finishedType(job: K8sObject): 'Complete' | 'Failed' | undefined {
  if (conditionOf(job, 'Complete')?.status === 'True') return 'Complete';
  if (conditionOf(job, 'Failed')?.status === 'True') return 'Failed';
  return undefined;
}

const started = (j: K8sObject) => Date.parse(String(statusOf(j).startTime ?? metaOf(j).creationTimestamp ?? 0));

/** Deletes the oldest finished Jobs of one outcome beyond its history limit. */
async function trimHistory(c: ControllerContext, cj: K8sObject, jobs: K8sObject[], outcome: 'Complete' | 'Failed', limit: number): Promise<void> {
  const done = jobs.filter((j) => finishedType(j) === outcome).sort((a, b) => started(a) - started(b));
  for (const j of done.slice(0, Math.max(0, done.length - limit))) {
    if (await c.write.delete(JOBS, metaOf(cj).namespace, metaOf(j).name!, { propagationPolicy: 'Background' })) {
      await c.write.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${metaOf(j).name}`, SOURCE);
    }
  }
}

/** The Job a CronJob starts for a scheduled time, from its jobTemplate. */
function jobFor(cj: K8sObject, scheduled: number, zone: string): K8sObject {
  const m = metaOf(cj);
  const t = isPlainObject(specOf(cj).jobTemplate) ? (specOf(cj).jobTemplate as Record<string, unknown>) : {};
  const tm = isPlainObject(t.metadata) ? (t.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> }) : {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(m.name!, scheduled),
      namespace: m.namespace,
      labels: { ...(tm.labels ?? {}) },
      annotations: { ...(tm.annotations ?? {}), [SCHEDULED_TIMESTAMP]: zonedTimestamp(scheduled, zone) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: m.name!, uid: m.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: isPlainObject(t.spec) ? structuredClone(t.spec) : {},
  };
}

/** RFC 3339 with the zone's offset, as the real annotation shows the scheduled time. */
function zonedTimestamp(at: number, zone: string): string {
  if (zone === 'UTC') return k8sTime(new Date(at));
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(at));
  const off = parts.find((p) => p.type === 'timeZoneName')?.value.replace('GMT', '') || '+00:00';
  const local = new Date(at + offsetMs(off));
  return `${local.toISOString().slice(0, 19)}${off === '+00:00' ? 'Z' : off}`;
}

function offsetMs(off: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(off);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}

/**
 * The scheduled times in (earliest, now], at most TOO_MANY_MISSED + 1 of them
 * (only the last one is ever started), and the next one after now.
 */
function dueTimes(s: Schedule, earliest: number, now: number, zone: string): { missed: number[]; next: number | undefined } {
  const missed: number[] = [];
  let t = nextTime(s, earliest, zone);
  while (t !== undefined && t <= now) {
    missed.push(t);
    if (missed.length > TOO_MANY_MISSED) missed.shift();
    t = nextTime(s, t, zone);
  }
  return { missed, next: t };
}

/**
 * One pass of the CronJob controller (the v2 one): keep `status.active` in
 * step with the Jobs it owns, trim the history, and when a scheduled time has
 * come start its Job, unless suspended, too late (startingDeadlineSeconds) or
 * held back by the concurrencyPolicy. Asks to run again at the next time.
 */
async function syncCronJob(c: ControllerContext, cj: K8sObject): Promise<Requeue | void> {
  const m = metaOf(cj);
  const namespace = m.namespace!;
  const spec = specOf(cj);
  const old = statusOf(cj);
  const now = c.clock.now().getTime();
  const jobs = c.cache.ownedBy(JOBS, m.uid!).filter((j) => controllerOf(j)?.uid === m.uid);

  // Jobs that finished since the last pass leave status.active.
  const wasActive = new Set((Array.isArray(old.active) ? old.active : []).map((r) => (isPlainObject(r) ? String(r.uid) : '')));
  for (const j of jobs) {
    const done = finishedType(j);
    if (done && wasActive.has(metaOf(j).uid!)) await c.write.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${metaOf(j).name}, status: ${done}`, SOURCE);
  }
  let active = jobs.filter((j) => !isFinished(j));
  let lastSuccessful = typeof old.lastSuccessfulTime === 'string' ? Date.parse(old.lastSuccessfulTime) : 0;
  for (const j of jobs) {
    if (finishedType(j) === 'Complete') {
      const t = Date.parse(String(statusOf(j).completionTime ?? ''));
      if (Number.isFinite(t)) lastSuccessful = Math.max(lastSuccessful, t);
    }
  }
  await trimHistory(c, cj, jobs, 'Complete', intOr(spec.successfulJobsHistoryLimit, 3));
  await trimHistory(c, cj, jobs, 'Failed', intOr(spec.failedJobsHistoryLimit, 1));

  let lastSchedule = typeof old.lastScheduleTime === 'string' ? Date.parse(old.lastScheduleTime) : undefined;
  let requeue: number | undefined;
  const zone = typeof spec.timeZone === 'string' && spec.timeZone ? spec.timeZone : 'UTC';
  let schedule: Schedule | undefined;
  try {
    checkTimeZone(zone);
  } catch (err) {
    if (!(err instanceof ScheduleError)) throw err;
    await c.write.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${zone}": ${err.message}`, SOURCE);
  }
  try {
    if (typeof spec.schedule !== 'string') throw new ScheduleError('empty spec');
    schedule = parseSchedule(spec.schedule);
  } catch (err) {
    if (!(err instanceof ScheduleError)) throw err;
    await c.write.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${String(spec.schedule ?? '')}" : ${err.message}`, SOURCE);
  }

  if (schedule && spec.suspend !== true && checkZone(zone)) {
    const deadline = typeof spec.startingDeadlineSeconds === 'number' ? spec.startingDeadlineSeconds * 1000 : undefined;
    let earliest = lastSchedule ?? Date.parse(String(m.creationTimestamp));
    if (deadline !== undefined) earliest = Math.max(earliest, now - deadline);
    const { missed, next } = dueTimes(schedule, earliest, now, zone);
    requeue = next;
    const scheduled = missed[missed.length - 1];
    if (missed.length > TOO_MANY_MISSED) {
      await c.write.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', SOURCE);
    }
    const name = scheduled !== undefined ? jobNameFor(m.name!, scheduled) : '';
    if (scheduled !== undefined && !c.cache.get(JOBS, namespace, name) && scheduled !== lastSchedule) {
      const policy = spec.concurrencyPolicy === 'Forbid' || spec.concurrencyPolicy === 'Replace' ? spec.concurrencyPolicy : 'Allow';
      if (policy === 'Forbid' && active.length) {
        // Skipped; the real controller retries this time until the next one (or the deadline) passes.
        requeue = next;
      } else {
        if (policy === 'Replace') {
          for (const j of active) {
            if (await c.write.delete(JOBS, namespace, metaOf(j).name!, { propagationPolicy: 'Background' })) {
              await c.write.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${metaOf(j).name}`, SOURCE);
            }
          }
          active = [];
        }
        try {
          const job = await c.write.create(JOBS, namespace, jobFor(cj, scheduled, zone));
          active.push(job);
          await c.write.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${metaOf(job).name}`, SOURCE);
        } catch (err) {
          if (!(err instanceof K8sError && err.reason === 'AlreadyExists')) {
            if (err instanceof K8sError) await c.write.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${err.message}`, SOURCE);
            throw err;
          }
        }
        lastSchedule = scheduled;
      }
    }
  }

  const status: Record<string, unknown> = {
    ...(active.length ? { active: active.map(jobRef).sort((a, b) => String(a.name).localeCompare(String(b.name))) } : {}),
    ...(lastSchedule !== undefined ? { lastScheduleTime: k8sTime(new Date(lastSchedule)) } : {}),
    ...(lastSuccessful ? { lastSuccessfulTime: k8sTime(new Date(lastSuccessful)) } : {}),
  };
  // resourceVersions of active Jobs change all the time: compare without them.
  const bare = (st: Record<string, unknown>) => ({ ...st, active: (Array.isArray(st.active) ? st.active : []).map((r) => (isPlainObject(r) ? r.uid : r)) });
  if (!jsonEqual(bare(status), bare(old))) {
    await c.write.patch(CRONJOBS, namespace, m.name!, { status: { active: null, lastScheduleTime: null, lastSuccessfulTime: null, ...status } }, 'status');
  }
  if (requeue !== undefined) return { at: new Date(requeue) };
}

function checkZone(zone: string): boolean {
  try {
    checkTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}

export const cronJobController: Controller = {
  name: 'cronjob-controller',

  keysFor(ch: ObservedChange): string[] {
    if (ch.kind === CRONJOBS) return [keyOf(ch.object)];
    if (ch.kind === JOBS) {
      const keys = new Set<string>();
      for (const o of [ch.object, ch.old]) {
        const ref = o ? controllerOf(o) : undefined;
        if (ref?.kind === 'CronJob') keys.add(`${metaOf(o!).namespace}/${ref.name}`);
      }
      return [...keys];
    }
    return [];
  },

  resyncKeys: (cache) => cache.list(CRONJOBS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const cj = c.cache.get(CRONJOBS, namespace, name);
    if (!cj || metaOf(cj).deletionTimestamp) return;
    return syncCronJob(c, cj);
  },
};
