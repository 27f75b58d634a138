import { isPlainObject, metaOf, type K8sObject } from '../objects';

/**
 * The simulated load: total CPU the target workload's pods use together, as a
 * quantity ("1500m", "2"), in this annotation on the workload (Deployment,
 * StatefulSet or ReplicaSet). It is shared evenly by the workload's ready
 * pods, so scaling out lowers each pod's utilization as on a real cluster.
 * No annotation means the pods are idle (0).
 */
export const SIMULATED_CPU = 'pier.io/simulated-cpu';

const SUFFIX: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9 };

/** A CPU quantity in millicores; NaN when it is not one. */
export function milliCores(v: unknown): number {
  if (typeof v === 'number') return v * 1000;
  if (typeof v !== 'string') return NaN;
  const m = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(n|u|m|k|M|G)?$/.exec(v.trim());
  if (!m) return NaN;
  return Number(m[1]) * SUFFIX[m[2] ?? ''] * 1000;
}

/** Sum of the pod's containers' CPU requests, in millicores (NaN when a container has none: the HPA cannot compute utilization). */
export function podCpuRequest(pod: K8sObject): number {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  let sum = 0;
  for (const c of containers) {
    const req = isPlainObject(c) && isPlainObject(c.resources) && isPlainObject(c.resources.requests) ? c.resources.requests.cpu : undefined;
    const v = milliCores(req);
    if (!Number.isFinite(v)) return NaN;
    sum += v;
  }
  return containers.length ? sum : NaN;
}

/** The workload's simulated total CPU use in millicores. */
export function simulatedLoad(workload: K8sObject): number {
  const v = milliCores(metaOf(workload).annotations?.[SIMULATED_CPU]);
  return Number.isFinite(v) ? v : 0;
}

/** The HPA's tolerance: no change while the usage ratio is within 10% of 1. */
export const TOLERANCE = 0.1;

/** ceil(current × usageRatio), unless the ratio is within the tolerance. */
export function proposedReplicas(readyPods: number, current: number, usageRatio: number): number {
  if (Math.abs(usageRatio - 1) <= TOLERANCE) return current;
  return Math.ceil(usageRatio * readyPods);
}

/** Renders millicores as the metrics API does ("250m"). */
export const asMilli = (m: number) => `${Math.round(m)}m`;

/**
 * A metav1.LabelSelector (matchLabels and matchExpressions) against labels.
 * An empty selector matches everything, as for workload selectors.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isPlainObject(selector)) return true;
  const ml = isPlainObject(selector.matchLabels) ? selector.matchLabels : {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return exprs.every((e) => {
    if (!isPlainObject(e) || typeof e.key !== 'string') return false;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && values.includes(labels[e.key]);
      case 'NotIn': return !has || !values.includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}
