import { isPlainObject, metaOf, type K8sObject } from '../objects';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

export function statusOf(o: K8sObject): Record<string, unknown> {
  return isPlainObject(o.status) ? o.status : {};
}

export function specOf(o: K8sObject): Record<string, unknown> {
  return isPlainObject(o.spec) ? o.spec : {};
}

export function conditionsOf(o: K8sObject): Condition[] {
  const c = statusOf(o).conditions;
  return Array.isArray(c) ? (c as Condition[]) : [];
}

export function conditionOf(o: K8sObject, type: string): Condition | undefined {
  return conditionsOf(o).find((c) => c.type === type);
}

/**
 * Sets a condition in a list, keeping lastTransitionTime when the status does
 * not change (as every controller does), and returns the new list.
 */
export function withCondition(list: Condition[], c: Condition, now: string): Condition[] {
  const cur = list.find((x) => x.type === c.type);
  const next: Condition = { ...c, lastTransitionTime: cur && cur.status === c.status ? cur.lastTransitionTime ?? now : now };
  return cur ? list.map((x) => (x.type === c.type ? next : x)) : [...list, next];
}

export function phaseOf(pod: K8sObject): string {
  const p = statusOf(pod).phase;
  return typeof p === 'string' ? p : 'Pending';
}

export function isTerminating(o: K8sObject): boolean {
  return !!metaOf(o).deletionTimestamp;
}

/** Active, as controllers count pods: not finished and not being deleted. */
export function isActivePod(pod: K8sObject): boolean {
  const phase = phaseOf(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !isTerminating(pod);
}

export function isPodReady(pod: K8sObject): boolean {
  return conditionOf(pod, 'Ready')?.status === 'True';
}

/** When the pod became ready, or undefined when it is not ready. */
export function readySince(pod: K8sObject): number | undefined {
  const c = conditionOf(pod, 'Ready');
  if (c?.status !== 'True') return undefined;
  return c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

/** Ready for at least minReadySeconds at `now` (the controllers' "available"). */
export function isPodAvailable(pod: K8sObject, minReadySeconds: number, now: number): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since + minReadySeconds * 1000 <= now;
}

export function restartCountOf(pod: K8sObject): number {
  const cs = statusOf(pod).containerStatuses;
  return Array.isArray(cs) ? cs.reduce((n: number, c) => n + (isPlainObject(c) && typeof c.restartCount === 'number' ? c.restartCount : 0), 0) : 0;
}

export function intOr(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}
