import { findKind, PODS } from '../kinds';
import { isPlainObject, k8sTime, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { K8sError } from '../status';
import { controllerOf, keyOf, splitKey, type ObservedChange } from './cache';
import {
  COMPLETION_INDEX, compressIndexes, failureBackOffMs, finishedAt, indexOf, isFailedPod, isSucceeded,
} from './job-pods';
import { conditionOf, conditionsOf, intOr, isActivePod, isPodReady, restartCountOf, specOf, statusOf, withCondition, type Condition } from './pods';
import { podFromTemplate } from './template';
import type { Controller, ControllerContext, Requeue } from './types';

export const JOBS = findKind('batch', 'v1', 'jobs')!;

const SOURCE = { component: 'job-controller' };

interface JobSpec {
  parallelism: number;
  /** undefined: a work queue, done once any pod succeeds and none is left running. */
  completions: number | undefined;
  backoffLimit: number;
  deadlineMs: number | undefined;
  indexed: boolean;
  suspend: boolean;
  ttlMs: number | undefined;
  restartPolicy: string;
}

function jobSpec(job: K8sObject): JobSpec {
  const spec = specOf(job);
  const template = isPlainObject(spec.template) ? spec.template : {};
  const podSpec = isPlainObject(template.spec) ? template.spec : {};
  return {
    parallelism: intOr(spec.parallelism, 1),
    completions: typeof spec.completions === 'number' ? spec.completions : undefined,
    backoffLimit: intOr(spec.backoffLimit, 6),
    deadlineMs: typeof spec.activeDeadlineSeconds === 'number' ? spec.activeDeadlineSeconds * 1000 : undefined,
    indexed: spec.completionMode === 'Indexed',
    suspend: spec.suspend === true,
    ttlMs: typeof spec.ttlSecondsAfterFinished === 'number' ? spec.ttlSecondsAfterFinished * 1000 : undefined,
    restartPolicy: typeof podSpec.restartPolicy === 'string' ? podSpec.restartPolicy : 'Never',
  };
}

/** True once the Job has a Complete or Failed condition: it never runs again. */
export function isFinished(job: K8sObject): boolean {
  return ['Complete', 'Failed'].some((t) => conditionOf(job, t)?.status === 'True');
}

function jobPod(job: K8sObject, s: JobSpec, index: number): K8sObject {
  const m = metaOf(job);
  const labels: Record<string, string> = {
    'batch.kubernetes.io/controller-uid': m.uid!, 'batch.kubernetes.io/job-name': m.name!, 'controller-uid': m.uid!, 'job-name': m.name!,
  };
  if (index >= 0) labels[COMPLETION_INDEX] = String(index);
  const pod = podFromTemplate(job, specOf(job).template, { generateName: index >= 0 ? `${m.name}-${index}-` : `${m.name}-`, labels });
  const spec = pod.spec as Record<string, unknown>;
  spec.restartPolicy = s.restartPolicy;
  if (index >= 0) {
    metaOf(pod).annotations = { ...(metaOf(pod).annotations ?? {}), [COMPLETION_INDEX]: String(index) };
    spec.hostname = `${m.name}-${index}`;
    if (Array.isArray(spec.containers)) {
      spec.containers = spec.containers.map((c) => (isPlainObject(c)
        ? { ...c, env: [...(Array.isArray(c.env) ? c.env : []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } }] }
        : c));
    }
  }
  return pod;
}

async function deletePods(c: ControllerContext, job: K8sObject, pods: K8sObject[]): Promise<void> {
  for (const p of pods) {
    if (await c.write.delete(PODS, metaOf(job).namespace, metaOf(p).name!)) {
      await c.write.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${metaOf(p).name}`, SOURCE);
    }
  }
}

/** Which indexes still need a pod: neither succeeded nor running. */
function missingIndexes(completions: number, pods: K8sObject[]): number[] {
  const taken = new Set(pods.filter((p) => isSucceeded(p) || isActivePod(p)).map(indexOf));
  const out: number[] = [];
  for (let i = 0; i < completions; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/**
 * One pass of the Job controller: count its pods, finish the Job when enough
 * succeeded, when failures pass backoffLimit or when activeDeadlineSeconds
 * passed, and otherwise keep `parallelism` pods running (after a back-off
 * when pods failed). Succeeded and failed are counted from the pods that
 * still exist (the real controller counts them through pod finalizers).
 */
async function syncJob(c: ControllerContext, job: K8sObject): Promise<Requeue | void> {
  const m = metaOf(job);
  const namespace = m.namespace!;
  const s = jobSpec(job);
  const now = c.clock.now();
  const nowMs = now.getTime();
  const nowStr = k8sTime(now);
  const old = statusOf(job);
  let conditions: Condition[] = conditionsOf(job);
  const pods = c.cache.ownedBy(PODS, m.uid!).filter((p) => controllerOf(p)?.uid === m.uid);
  let active = pods.filter(isActivePod);
  const succeededPods = pods.filter(isSucceeded);
  const failedPods = pods.filter(isFailedPod);
  const succeeded = s.indexed ? new Set(succeededPods.map(indexOf).filter((i) => i >= 0 && i < (s.completions ?? 0))).size : succeededPods.length;
  const failed = failedPods.length;
  const restarts = s.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + restartCountOf(p), 0) : 0;
  const finished = isFinished(job);
  let startTime = typeof old.startTime === 'string' ? old.startTime : undefined;
  let completionTime = typeof old.completionTime === 'string' ? old.completionTime : undefined;
  let requeueAt: number | undefined;
  const at = (t: number) => {
    requeueAt = requeueAt === undefined ? t : Math.min(requeueAt, t);
  };

  if (!finished) {
    if (s.suspend) {
      await deletePods(c, job, active);
      active = [];
      if (conditionOf(job, 'Suspended')?.status !== 'True') {
        await c.write.event(job, 'Normal', 'Suspended', 'Job suspended', SOURCE);
        conditions = withCondition(conditions, { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: nowStr }, nowStr);
      }
      startTime = undefined;
    } else {
      if (conditionOf(job, 'Suspended')?.status === 'True') {
        conditions = withCondition(conditions, { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed', lastProbeTime: nowStr }, nowStr);
        await c.write.event(job, 'Normal', 'Resumed', 'Job resumed', SOURCE);
      }
      startTime ??= nowStr;
      const done = s.completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= s.completions;
      let failure: { reason: string; message: string } | undefined;
      if (failed + restarts > s.backoffLimit) failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
      else if (s.deadlineMs !== undefined && nowMs >= Date.parse(startTime) + s.deadlineMs) {
        failure = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      }
      if (done) {
        await deletePods(c, job, active);
        active = [];
        completionTime = nowStr;
        conditions = withCondition(conditions, { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: nowStr }, nowStr);
        await c.write.event(job, 'Normal', 'Completed', 'Job completed', SOURCE);
      } else if (failure) {
        await deletePods(c, job, active);
        active = [];
        conditions = withCondition(conditions, { type: 'Failed', status: 'True', ...failure, lastProbeTime: nowStr }, nowStr);
        await c.write.event(job, 'Warning', failure.reason, failure.message, SOURCE);
      } else {
        if (s.deadlineMs !== undefined) at(Date.parse(startTime) + s.deadlineMs);
        const lastFailure = failedPods.reduce((t, p) => Math.max(t, finishedAt(p)), 0);
        const resumeAt = failed ? lastFailure + failureBackOffMs(failed) : 0;
        if (resumeAt > nowMs) at(resumeAt);
        else {
          let want: number;
          if (s.completions === undefined) want = succeeded > 0 ? 0 : s.parallelism - active.length;
          else want = Math.min(s.parallelism, s.completions - succeeded) - active.length;
          if (want > 0) {
            const indexes = s.indexed ? missingIndexes(s.completions ?? 0, pods).slice(0, want) : Array.from({ length: want }, () => -1);
            for (const i of indexes) {
              const pod = await c.write.create(PODS, namespace, jobPod(job, s, i)).catch(async (err: unknown) => {
                if (err instanceof K8sError) await c.write.event(job, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, SOURCE);
                throw err;
              });
              active.push(pod);
              await c.write.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${metaOf(pod).name}`, SOURCE);
            }
          } else if (want < 0) {
            // Parallelism went down: remove the surplus, not-ready pods first.
            const surplus = [...active].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, -want);
            await deletePods(c, job, surplus);
            active = active.filter((p) => !surplus.includes(p));
          }
        }
      }
    }
  }

  const status: Record<string, unknown> = {
    ...(startTime ? { startTime } : {}),
    ...(completionTime ? { completionTime } : {}),
    ...(active.length ? { active: active.length } : {}),
    ...(succeeded ? { succeeded } : {}),
    ...(failed ? { failed } : {}),
    ready: active.filter(isPodReady).length,
    ...(conditions.length ? { conditions } : {}),
    ...(s.indexed && succeeded ? { completedIndexes: compressIndexes(succeededPods.map(indexOf).filter((i) => i >= 0)) } : {}),
    uncountedTerminatedPods: {},
  };
  if (!jsonEqual(status, old)) {
    const cleared = Object.fromEntries(['startTime', 'completionTime', 'active', 'succeeded', 'failed', 'completedIndexes'].filter((f) => !(f in status)).map((f) => [f, null]));
    await c.write.patch(JOBS, namespace, m.name!, { status: { ...cleared, ...status } }, 'status');
  }
  if (requeueAt !== undefined) return { at: new Date(requeueAt) };
}

/** The TTL-after-finished controller's part: delete a finished Job (and its pods) ttlSecondsAfterFinished after it ended. */
async function expire(c: ControllerContext, job: K8sObject): Promise<Requeue | void> {
  const s = jobSpec(job);
  if (s.ttlMs === undefined || !isFinished(job)) return;
  const ended = conditionsOf(job).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True')?.lastTransitionTime;
  const due = Date.parse(String(statusOf(job).completionTime ?? ended ?? c.clock.now().toISOString())) + s.ttlMs;
  if (due > c.clock.now().getTime()) return { at: new Date(due) };
  await c.write.delete(JOBS, metaOf(job).namespace, metaOf(job).name!, { propagationPolicy: 'Background' });
}

export const jobController: Controller = {
  name: 'job-controller',

  keysFor(ch: ObservedChange): string[] {
    if (ch.kind === JOBS) return [keyOf(ch.object)];
    if (ch.kind === PODS) {
      const keys = new Set<string>();
      for (const o of [ch.object, ch.old]) {
        const ref = o ? controllerOf(o) : undefined;
        if (ref?.kind === 'Job') keys.add(`${metaOf(o!).namespace}/${ref.name}`);
      }
      return [...keys];
    }
    return [];
  },

  resyncKeys: (cache) => cache.list(JOBS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const job = c.cache.get(JOBS, namespace, name);
    if (!job || metaOf(job).deletionTimestamp) return;
    const r = await syncJob(c, job);
    const after = c.cache.get(JOBS, namespace, name);
    const t = after ? await expire(c, after) : undefined;
    const times = [r, t].filter((x): x is { at: Date } => !!x && 'at' in x).map((x) => x.at.getTime());
    if (times.length) return { at: new Date(Math.min(...times)) };
  },
};
