import { ListWatch, Watch, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import type { PierError } from '@/lib/errors';
import type { KubeClients } from './connect';
import { toPierError } from './errors';
import { KeyedIndex, SortedByKey, SortedByName } from './cache-index';
import { listAll, type KindRef, type KubeObject } from './objects';
import { ownWriteKey, pendingWrites, shows } from './own-writes';

/** The lists the console shows most, kept per cluster by list+watch instead of listed per request. */
export const CACHED = {
  nodes: { apiVersion: 'v1', kind: 'Node', path: '/api/v1/nodes' },
  pods: { apiVersion: 'v1', kind: 'Pod', path: '/api/v1/pods' },
  namespaces: { apiVersion: 'v1', kind: 'Namespace', path: '/api/v1/namespaces' },
  // The workload list (lib/workloads/list.ts): the workloads and what each one's view is made from.
  deployments: { apiVersion: 'apps/v1', kind: 'Deployment', path: '/apis/apps/v1/deployments' },
  statefulsets: { apiVersion: 'apps/v1', kind: 'StatefulSet', path: '/apis/apps/v1/statefulsets' },
  daemonsets: { apiVersion: 'apps/v1', kind: 'DaemonSet', path: '/apis/apps/v1/daemonsets' },
  services: { apiVersion: 'v1', kind: 'Service', path: '/api/v1/services' },
  ingresses: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', path: '/apis/networking.k8s.io/v1/ingresses' },
  hpas: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', path: '/apis/autoscaling/v2/horizontalpodautoscalers' },
  pvcs: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', path: '/api/v1/persistentvolumeclaims' },
} as const satisfies Record<string, KindRef & { path: string }>;
export type CachedResource = keyof typeof CACHED;

export interface CachedView<T extends KubeObject = KubeObject> {
  items: readonly T[];
  /** The last resourceVersion the cache has seen. */
  resourceVersion: string;
  /** True while the watch is broken and being restarted: items are the last known state. */
  stale: boolean;
}

interface Entry {
  clients: KubeClients;
  lw: ListWatch<KubernetesObject>;
  ready: Promise<void>;
  synced: boolean;
  stale: boolean;
  lastError?: PierError;
  lastUsed: number;
  backoffMs: number;
  timer?: NodeJS.Timeout;
  /** Made on first use (cachedSorted, cachedKeyed), then kept current by the watch's events. */
  sorted?: SortedByName;
  keyed: Map<string, KeyedIndex>;
  /** Made on first use (cachedSortedByKey), kept current the same way. */
  sortedKeyed: Map<string, SortedByKey>;
  /** One normalized copy (apiVersion and kind set) per version of an object, shared by the indexes. */
  normal: WeakMap<object, KubeObject>;
}

const IDLE_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 30_000;
const entries = new Map<string, Entry>();
let sweeper: NodeJS.Timeout | undefined;

function keyOf(c: KubeClients, r: CachedResource) {
  return `${c.cluster.id}/${r}`;
}

function sweep() {
  const now = Date.now();
  for (const [key, e] of entries) if (now - e.lastUsed > IDLE_MS) stopEntry(key, e);
  if (entries.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

function stopEntry(key: string, e: Entry) {
  entries.delete(key);
  clearTimeout(e.timer);
  void e.lw.stop();
}

function open(c: KubeClients, r: CachedResource): Entry {
  const ref = CACHED[r];
  let listed: () => void = () => undefined;
  const firstList = new Promise<void>((resolve) => (listed = resolve));
  // Pages of 500 on (re)list, so a large cluster is not one giant answer.
  const listFn = async () => {
    const all = await listAll(c, ref, {}, 500);
    // Ready once ListWatch has stored the list (it does so right after this resolves), not when the
    // watch's response headers arrive: an apiserver or proxy may hold those until the first event.
    setImmediate(listed);
    return { apiVersion: 'v1', kind: `${ref.kind}List`, metadata: { resourceVersion: all.resourceVersion }, items: all.items } as KubernetesListObject<KubernetesObject>;
  };
  const lw = new ListWatch<KubernetesObject>(ref.path, new Watch(c.kc), listFn, false);
  const e: Entry = {
    clients: c, lw, ready: Promise.resolve(), synced: false, stale: false, lastUsed: Date.now(), backoffMs: 1000,
    keyed: new Map(), sortedKeyed: new Map(), normal: new WeakMap(),
  };
  const start = () => void lw.start().catch((err) => onError(err));
  const onError = (err: unknown) => {
    e.lastError = toPierError(err);
    e.stale = true;
    listed();
    // ListWatch stops on an error; restart it (listing again if needed) with backoff, as long as this cache is in use.
    clearTimeout(e.timer);
    e.timer = setTimeout(() => {
      if (entries.get(keyOf(c, r)) !== e) return;
      e.lastError = undefined;
      start();
    }, e.backoffMs);
    e.timer.unref?.();
    e.backoffMs = Math.min(MAX_BACKOFF_MS, e.backoffMs * 2);
  };
  lw.on('error', onError);
  const fresh = () => {
    e.stale = false;
    e.backoffMs = 1000;
  };
  // After a restart: optimistic; an error on the new connection marks the cache stale again.
  lw.on('connect', () => e.synced && fresh());
  lw.on('add', fresh);
  lw.on('update', fresh);
  lw.on('delete', fresh);
  // ListWatch calls these right after changing its own map (a relist too: its deletes, then adds and updates).
  const upsert = (o: KubernetesObject) => {
    if (!e.sorted && !e.keyed.size && !e.sortedKeyed.size) return;
    const n = normalOf(e, ref, o);
    e.sorted?.upsert(n);
    for (const k of e.keyed.values()) k.upsert(n);
    for (const k of e.sortedKeyed.values()) k.upsert(n);
  };
  lw.on('add', upsert);
  lw.on('update', upsert);
  lw.on('delete', (o) => {
    e.sorted?.remove(o as KubeObject);
    for (const k of e.keyed.values()) k.remove(o as KubeObject);
    for (const k of e.sortedKeyed.values()) k.remove(o as KubeObject);
  });
  e.ready = firstList.then(() => {
    if (!e.lastError) {
      e.synced = true;
      fresh();
    }
  });
  start();
  return e;
}

/**
 * One kind of the cluster's objects (CACHED) from a watch-fed cache. The first
 * read of a cluster's resource lists it and starts a watch; later reads are
 * served from memory. If the first list fails, the error is thrown and the
 * next read tries again. If the watch breaks later, reads get the last known
 * state with `stale: true` while it restarts with backoff (1 s doubling to
 * 30 s), re-listing when the server says its version is too old (410).
 * Caches nobody read for 10 minutes are stopped. A read first waits for the
 * watch to deliver this process's own recent writes of the kind (own-writes.ts).
 */
export async function cachedList<T extends KubeObject = KubeObject>(c: KubeClients, r: CachedResource, namespace?: string): Promise<CachedView<T>> {
  const e = await syncedEntry(c, r);
  const ref = CACHED[r];
  const items = e.lw.list(namespace).map((o) => ({ apiVersion: ref.apiVersion, kind: ref.kind, ...o }) as unknown as T);
  return { items, resourceVersion: e.lw.latestResourceVersion(), stale: e.stale };
}

/** An index over one kind's cache with the cache's state (see cachedList for when it is fresh). */
export interface IndexedView<I> {
  index: I;
  resourceVersion: string;
  stale: boolean;
}

/**
 * The cache of one kind as each namespace's objects sorted by name, kept
 * sorted as watch events arrive: a page is a slice, not a copy and sort of
 * the namespace. The objects are the cache's (apiVersion and kind set, one
 * copy per version, so a WeakMap keyed by them memoizes per version): read only.
 */
export async function cachedSorted<T extends KubeObject = KubeObject>(c: KubeClients, r: CachedResource): Promise<IndexedView<SortedByName<T>>> {
  const e = await syncedEntry(c, r);
  if (!e.sorted) {
    e.sorted = SortedByName.of(e.lw.list().map((o) => normalOf(e, CACHED[r], o)));
  }
  return { index: e.sorted as unknown as SortedByName<T>, resourceVersion: e.lw.latestResourceVersion(), stale: e.stale };
}

/**
 * The cache of one kind indexed by `keys` (made on the first call with a
 * `name`; later calls with that name get the same index, kept current by
 * the watch). Lookups are per namespace and answer in the cache's order.
 */
export async function cachedKeyed<T extends KubeObject = KubeObject>(c: KubeClients, r: CachedResource, name: string, keys: (o: T) => string[]): Promise<IndexedView<KeyedIndex<T>>> {
  const e = await syncedEntry(c, r);
  let k = e.keyed.get(name);
  if (!k) {
    k = new KeyedIndex(keys as (o: KubeObject) => string[]);
    for (const o of e.lw.list()) k.upsert(normalOf(e, CACHED[r], o));
    e.keyed.set(name, k);
  }
  return { index: k as unknown as KeyedIndex<T>, resourceVersion: e.lw.latestResourceVersion(), stale: e.stale };
}

/**
 * The cache of one kind split by `keys` (each key's objects of a namespace
 * sorted by name), made on the first call with a `name` and kept current
 * by the watch like cachedSorted: a page of one key is a slice of its bucket.
 */
export async function cachedSortedByKey<T extends KubeObject = KubeObject>(c: KubeClients, r: CachedResource, name: string, keys: (o: T) => string[]): Promise<IndexedView<SortedByKey<T>>> {
  const e = await syncedEntry(c, r);
  let k = e.sortedKeyed.get(name);
  if (!k) {
    k = SortedByKey.of(keys as (o: KubeObject) => string[], e.lw.list().map((o) => normalOf(e, CACHED[r], o)));
    e.sortedKeyed.set(name, k);
  }
  return { index: k as unknown as SortedByKey<T>, resourceVersion: e.lw.latestResourceVersion(), stale: e.stale };
}

function normalOf(e: Entry, ref: KindRef, o: KubernetesObject): KubeObject {
  let n = e.normal.get(o);
  if (!n) e.normal.set(o, (n = { apiVersion: ref.apiVersion, kind: ref.kind, ...o } as KubeObject));
  return n;
}

/** The cluster's cache of a kind, listed and watching, with this process's own recent writes seen. */
async function syncedEntry(c: KubeClients, r: CachedResource): Promise<Entry> {
  const key = keyOf(c, r);
  let e = entries.get(key);
  if (e && e.clients !== c) {
    // New credentials or address for this cluster: start over with the new clients.
    stopEntry(key, e);
    e = undefined;
  }
  if (!e) {
    e = open(c, r);
    entries.set(key, e);
    sweeper ??= setInterval(sweep, 60_000);
    sweeper.unref?.();
  }
  e.lastUsed = Date.now();
  if (!e.synced) {
    await e.ready;
    if (!e.synced) {
      const err = e.lastError;
      stopEntry(key, e);
      throw err ?? toPierError(new Error('the cache did not sync'));
    }
  }
  await ownWritesSeen(e, ownWriteKey(c.cluster.id, CACHED[r]));
  return e;
}

/** Waits (briefly, see own-writes.ts) until the watch has delivered this process's own recent writes of the kind. */
async function ownWritesSeen(e: Entry, key: string): Promise<void> {
  const seen = (w: Parameters<typeof shows>[1]) => shows(e.lw.get(w.name, w.namespace || undefined) as KubeObject | undefined, w);
  while (!e.stale && pendingWrites(key, seen).length) await new Promise((r) => setTimeout(r, 5));
}

/** Stops the caches of one cluster (edited, removed) or of all (tests, shutdown). */
export function stopCaches(clusterId?: string): void {
  for (const [key, e] of entries) if (!clusterId || e.clients.cluster.id === clusterId) stopEntry(key, e);
}
