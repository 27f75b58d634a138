import type { KubeClients } from './connect';
import type { KindRef, KubeObject } from './objects';

/**
 * Read-your-writes for the watch-fed caches (cache.ts): every write the
 * adapter makes is remembered for a few seconds, and a cached read of that
 * kind waits until its watch has delivered the write (the object at that
 * resourceVersion or later; gone or terminating after a delete). Without
 * it, a console that creates a workload and lists workloads right away
 * could miss it for one watch round trip.
 */
export interface OwnWrite {
  namespace: string;
  name: string;
  /** The resourceVersion the server answered; unset for deletes. */
  resourceVersion?: string;
  deleted: boolean;
  at: number;
}

/** How long a write is waited for; after that, reads serve what the watch has (the watch may be broken: reads say `stale`). */
export const OWN_WRITE_WAIT_MS = 5000;
const MAX_PER_KIND = 1000;
const writes = new Map<string, OwnWrite[]>();

export const ownWriteKey = (clusterId: string, ref: KindRef) => `${clusterId}/${ref.apiVersion}/${ref.kind}`;

/** Called by the adapter's writes. Kinds nobody caches are remembered too, briefly and bounded: cheaper than asking the cache. */
export function noteWrite(c: KubeClients, ref: KindRef, name: string | undefined, namespace: string | undefined, answer: KubeObject | undefined, deleted = false): void {
  if (!name) return;
  const key = ownWriteKey(c.cluster.id, ref);
  const now = Date.now();
  const list = (writes.get(key) ?? []).filter((w) => now - w.at < OWN_WRITE_WAIT_MS);
  list.push({ namespace: namespace ?? '', name, resourceVersion: deleted ? undefined : answer?.metadata?.resourceVersion, deleted, at: now });
  writes.set(key, list.slice(-MAX_PER_KIND));
}

/** The writes of a kind still to be seen by `has`; forgets those seen or too old. */
export function pendingWrites(key: string, seen: (w: OwnWrite) => boolean): OwnWrite[] {
  const list = writes.get(key);
  if (!list) return [];
  const now = Date.now();
  const left = list.filter((w) => now - w.at < OWN_WRITE_WAIT_MS && !seen(w));
  if (left.length) writes.set(key, left);
  else writes.delete(key);
  return left;
}

/** Whether the cache's copy (if any) shows the write. */
export function shows(cached: KubeObject | undefined, w: OwnWrite): boolean {
  if (w.deleted) return !cached || !!cached.metadata?.deletionTimestamp;
  if (!cached) return false;
  const have = cached.metadata?.resourceVersion;
  const a = Number(have);
  const b = Number(w.resourceVersion);
  // Resource versions are opaque; numeric ones (etcd's, the simulated cluster's) are compared as numbers.
  return Number.isFinite(a) && Number.isFinite(b) ? a >= b : have === w.resourceVersion;
}
