/**
 * A Deployment's rollout arithmetic, pure, as the deployment controller's
 * util package does it: maxSurge/maxUnavailable from ints or percents, how far
 * the new ReplicaSet may grow, and how many old pods may go.
 */
import { createHash } from 'node:crypto';
import { isPlainObject } from '../objects';
import { jsonEqual } from '../patch';

/** An int, or a percent of `total` (surge rounds up, unavailable down, as the controller does). */
export function resolveIntOrPercent(v: unknown, total: number, roundUp: boolean, dflt: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^[0-9]+$/.test(v)) return Number(v);
  return dflt;
}

/** maxSurge and maxUnavailable (default 25% each); both zero would stall, so unavailable becomes 1. */
export function surgeAndUnavailable(strategy: unknown, replicas: number): { maxSurge: number; maxUnavailable: number } {
  const ru = isPlainObject(strategy) && isPlainObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const maxSurge = resolveIntOrPercent(ru.maxSurge, replicas, true, Math.ceil(replicas * 0.25));
  let maxUnavailable = resolveIntOrPercent(ru.maxUnavailable, replicas, false, Math.floor(replicas * 0.25));
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

/** NewRSNewReplicas for RollingUpdate: grow the new set as far as the surge allows. */
export function newReplicasForRolling(replicas: number, maxSurge: number, totalSpecReplicas: number, newSpec: number): number {
  if (newSpec >= replicas) return replicas;
  const room = replicas + maxSurge - totalSpecReplicas;
  if (room <= 0) return newSpec;
  return newSpec + Math.min(room, replicas - newSpec);
}

/**
 * How many old pods may be removed now: all pods (by spec) minus the minimum
 * available, minus new pods not yet available (they may never become so).
 */
export function maxScaleDown(replicas: number, maxUnavailable: number, totalSpecReplicas: number, newSpec: number, newAvailable: number): number {
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = Math.max(0, newSpec - newAvailable);
  return totalSpecReplicas - minAvailable - newUnavailable;
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** pod-template-hash: a hash of the template (and collision count) in the apiserver's safe alphabet. */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const h = createHash('sha256').update(canonical(template)).update(String(collisionCount)).digest();
  let n = h.readUInt32BE(0);
  let s = '';
  do {
    s += SAFE[n % SAFE.length];
    n = Math.floor(n / SAFE.length);
  } while (n > 0 && s.length < 10);
  return s;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlainObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Templates equal once the pod-template-hash label is set aside (how a Deployment finds its new ReplicaSet). */
export function templatesEqualIgnoringHash(a: unknown, b: unknown): boolean {
  return jsonEqual(withoutHash(a), withoutHash(b));
}

function withoutHash(t: unknown): unknown {
  if (!isPlainObject(t)) return t;
  const meta = isPlainObject(t.metadata) ? { ...t.metadata } : {};
  if (isPlainObject(meta.labels)) {
    const labels = { ...meta.labels };
    delete labels['pod-template-hash'];
    meta.labels = labels;
    if (!Object.keys(labels).length) delete meta.labels;
  }
  const out: Record<string, unknown> = { ...t, metadata: meta };
  if (!Object.keys(meta).length) delete out.metadata;
  return out;
}
