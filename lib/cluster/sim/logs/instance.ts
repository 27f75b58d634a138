import { isPlainObject, metaOf, type K8sObject } from '../objects';
import { badRequest } from '../status';
import type { ContainerRun } from './synth';

type Obj = Record<string, unknown>;
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const time = (v: unknown): number | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);

/**
 * Which container a log request means, as the apiserver decides: the one
 * named, or the only one; otherwise 400 with the names to choose from.
 */
export function containerOf(pod: K8sObject, name: string | null): Obj {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const containers = objects(spec.containers);
  const inits = objects(spec.initContainers);
  const podName = metaOf(pod).name;
  if (!name) {
    if (containers.length === 1) return containers[0];
    if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${podName}`);
    let msg = `a container name must be specified for pod ${podName}, choose one of: [${containers.map((c) => c.name).join(' ')}]`;
    if (inits.length) msg += ` or one of the init containers: [${inits.map((c) => c.name).join(' ')}]`;
    throw badRequest(msg);
  }
  const found = [...containers, ...inits, ...objects(spec.ephemeralContainers)].find((c) => c.name === name);
  if (!found) throw badRequest(`container ${name} is not valid for pod ${podName}`);
  return found;
}

function probeOf(c: Obj): ContainerRun['probe'] {
  for (const key of ['readinessProbe', 'livenessProbe']) {
    const p = c[key];
    if (!isPlainObject(p) || !isPlainObject(p.httpGet)) continue;
    return {
      path: typeof p.httpGet.path === 'string' && p.httpGet.path ? p.httpGet.path : '/',
      initialDelayMs: (typeof p.initialDelaySeconds === 'number' ? p.initialDelaySeconds : 0) * 1000,
      periodMs: (typeof p.periodSeconds === 'number' && p.periodSeconds > 0 ? p.periodSeconds : 10) * 1000,
    };
  }
  return undefined;
}

function runOf(pod: K8sObject, c: Obj, restart: number, started: number, ended?: { at?: number; exitCode?: unknown }): ContainerRun {
  const m = metaOf(pod);
  const status = isPlainObject(pod.status) ? pod.status : {};
  return {
    pod: m.name!, namespace: m.namespace ?? '', uid: m.uid ?? '', container: String(c.name), image: String(c.image ?? ''),
    argv: [...strings(c.command), ...strings(c.args)], restart, startedAt: started,
    ...(ended?.at !== undefined ? { finishedAt: ended.at, exitCode: typeof ended.exitCode === 'number' ? ended.exitCode : 0 } : {}),
    ...(typeof status.podIP === 'string' ? { podIP: status.podIP } : {}),
    ...(probeOf(c) ? { probe: probeOf(c) } : {}),
  };
}

/**
 * The container run whose log is asked for, by the kubelet's rules
 * (validateContainerLogStatus): `previous` is the last terminated run; else
 * the running one, the terminated one, or the last terminated run of a
 * container waiting to restart; a container that never ran is a 400 saying
 * why. `null`: the pod is not on a node yet, so there is nothing (an empty log).
 */
export function runFor(pod: K8sObject, c: Obj, previous: boolean): ContainerRun | null {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  if (!spec.nodeName) return null;
  const status = isPlainObject(pod.status) ? pod.status : {};
  const name = String(c.name);
  const podName = metaOf(pod).name;
  const cs = [...objects(status.containerStatuses), ...objects(status.initContainerStatuses), ...objects(status.ephemeralContainerStatuses)]
    .find((s) => s.name === name);
  if (!cs) throw badRequest(`container "${name}" in pod "${podName}" is not available`);
  const restarts = typeof cs.restartCount === 'number' ? cs.restartCount : 0;
  const state = isPlainObject(cs.state) ? cs.state : {};
  const last = isPlainObject(cs.lastState) && isPlainObject(cs.lastState.terminated) ? cs.lastState.terminated : undefined;
  const lastRun = () => runOf(pod, c, Math.max(0, restarts - 1), time(last!.startedAt) ?? 0, { at: time(last!.finishedAt) ?? time(last!.startedAt) ?? 0, exitCode: last!.exitCode });
  if (previous) {
    if (!last) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    return lastRun();
  }
  if (isPlainObject(state.running)) return runOf(pod, c, restarts, time(state.running.startedAt) ?? 0);
  if (isPlainObject(state.terminated)) {
    const t = state.terminated;
    return runOf(pod, c, restarts, time(t.startedAt) ?? 0, { at: time(t.finishedAt) ?? time(t.startedAt) ?? 0, exitCode: t.exitCode });
  }
  if (last) return lastRun();
  const waiting = isPlainObject(state.waiting) ? state.waiting : undefined;
  if (!waiting) throw badRequest(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
  const reason = String(waiting.reason ?? '');
  const why = reason === 'ErrImagePull' ? 'image can\'t be pulled' : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
  throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${why}`);
}

/** The same run, later: its end once the container stopped or restarted (undefined: it is gone). */
export function sameRunLater(pod: K8sObject, c: Obj, run: ContainerRun): ContainerRun | undefined {
  const status = isPlainObject(pod.status) ? pod.status : {};
  const cs = objects(status.containerStatuses).concat(objects(status.initContainerStatuses)).find((s) => s.name === run.container);
  if (!cs) return undefined;
  const state = isPlainObject(cs.state) ? cs.state : {};
  const last = isPlainObject(cs.lastState) ? cs.lastState.terminated : undefined;
  for (const t of [state.terminated, last]) {
    if (isPlainObject(t) && time(t.startedAt) === run.startedAt) {
      return { ...run, finishedAt: time(t.finishedAt) ?? run.startedAt, exitCode: typeof t.exitCode === 'number' ? t.exitCode : 0 };
    }
  }
  if (isPlainObject(state.running) && time(state.running.startedAt) === run.startedAt) return run;
  return undefined;
}
