import { isPlainObject, metaOf, type K8sObject } from '../objects';
import { phaseOf, statusOf } from './pods';

/** The annotation (and, since 1.28, label) an Indexed Job puts on each pod. */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** The pod's completion index, or -1 when it has none. */
export function indexOf(pod: K8sObject): number {
  const v = metaOf(pod).annotations?.[COMPLETION_INDEX];
  return v !== undefined && /^(0|[1-9][0-9]*)$/.test(v) ? Number(v) : -1;
}

export const isSucceeded = (p: K8sObject) => phaseOf(p) === 'Succeeded';
export const isFailedPod = (p: K8sObject) => phaseOf(p) === 'Failed';

/** When a finished pod ended: its last container's finishedAt, else its creation time. */
export function finishedAt(pod: K8sObject): number {
  let last = 0;
  const cs = statusOf(pod).containerStatuses;
  for (const c of Array.isArray(cs) ? cs : []) {
    const t = isPlainObject(c) && isPlainObject(c.state) && isPlainObject(c.state.terminated) ? c.state.terminated.finishedAt : undefined;
    if (typeof t === 'string') last = Math.max(last, Date.parse(t));
  }
  return last || Date.parse(String(metaOf(pod).creationTimestamp ?? 0));
}

/**
 * The Job controller's back-off before it creates pods again after failures:
 * 10 s doubling per failure, at most 6 minutes.
 */
export function failureBackOffMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(10_000 * 2 ** (failures - 1), 360_000);
}

/** "0-2,4,6-7": how status.completedIndexes lists indexes. */
export function compressIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
