import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clusters } from '@/db/schema';
import { clientsFor, createObject, deleteObject, mergePatch, type KubeClients, type KubeObject } from '@/lib/cluster/adapter';
import { cachedKeyed, cachedList, cachedSorted, stopCaches } from '@/lib/cluster/adapter/cache';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { LOCAL_CLUSTER } from '@/lib/cluster/sim/seed';
import type { WorkloadObject } from '@/lib/workloads/bundle';
import { indexedNeighbours } from '@/lib/workloads/list-index';
import { readNeighbours, viewOf } from '@/lib/workloads/read';
import type { WorkloadScope } from '@/lib/workloads/scope';
import { setupWorld } from '@/lib/testing/world';

/**
 * The watch-fed caches' indexes (cache-index.ts) against the simulated
 * cluster over HTTP, with no controllers: objects are created, changed and
 * deleted through the adapter, and every index must agree with the cache's
 * plain list after each step. The adapter's own writes are waited for by
 * every cached read (own-writes.ts), so no polling is needed.
 */
const w = setupWorld();
let server: SimServer | undefined;
let c: KubeClients;
const NS = 'alpha';
const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment' };
const SERVICE = { apiVersion: 'v1', kind: 'Service' };
const POD = { apiVersion: 'v1', kind: 'Pod' };

const deployment = (name: string, labels: Record<string, string>) => ({
  ...DEPLOY, metadata: { name, namespace: NS },
  spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:alpine' }] } } },
}) as KubeObject;
const service = (name: string, selector: Record<string, string>, labels: Record<string, string> = {}) => ({
  ...SERVICE, metadata: { name, namespace: NS, labels }, spec: { selector, ports: [{ port: 80 }] },
}) as KubeObject;
const names = (l: readonly KubeObject[]) => l.map((o) => o.metadata?.name);

beforeAll(async () => {
  server = await startSimServer();
  const [local] = await w.db.select().from(clusters).where(eq(clusters.name, LOCAL_CLUSTER));
  c = await clientsFor(w.db, local);
}, 120_000);

afterAll(async () => {
  stopCaches();
  await server?.close();
});

describe('name-sorted index', () => {
  it('follows adds, updates and deletes, sorted as the plain list sorted by name', async () => {
    const sortedNames = async () => names((await cachedSorted(c, 'deployments')).index.namespace(NS));
    const plain = async () => names((await cachedList(c, 'deployments', NS)).items).sort();
    expect(await sortedNames()).toEqual(await plain());
    for (const n of ['idx-m', 'idx-b', 'idx-z', 'idx-a']) await createObject(c, deployment(n, { app: n }));
    expect((await sortedNames()).filter((n) => n?.startsWith('idx-'))).toEqual(['idx-a', 'idx-b', 'idx-m', 'idx-z']);
    expect(await sortedNames()).toEqual(await plain());

    await mergePatch(c, DEPLOY, 'idx-b', NS, { metadata: { labels: { changed: 'yes' } } });
    const b = (await cachedSorted(c, 'deployments')).index.namespace(NS).find((o) => o.metadata?.name === 'idx-b');
    expect(b?.metadata?.labels).toEqual({ changed: 'yes' });
    expect(b).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });

    await deleteObject(c, DEPLOY, 'idx-m', NS);
    await deleteObject(c, DEPLOY, 'idx-a', NS);
    expect((await sortedNames()).filter((n) => n?.startsWith('idx-'))).toEqual(['idx-b', 'idx-z']);
    expect(await sortedNames()).toEqual(await plain());
  });

  it('pods: a new pod lands in its place, an update replaces the version in place', async () => {
    const pod = (name: string) => ({ ...POD, metadata: { name, namespace: NS, labels: { app: 'idx' } }, spec: { containers: [{ name: 'main', image: 'nginx:alpine' }] } }) as KubeObject;
    for (const n of ['idx-pod-2', 'idx-pod-0', 'idx-pod-1']) await createObject(c, pod(n));
    const idx = (await cachedSorted(c, 'pods')).index;
    expect(names(idx.namespace(NS)).filter((n) => n?.startsWith('idx-pod-'))).toEqual(['idx-pod-0', 'idx-pod-1', 'idx-pod-2']);
    const before = idx.namespace(NS).find((o) => o.metadata?.name === 'idx-pod-1');
    await mergePatch(c, POD, 'idx-pod-1', NS, { metadata: { labels: { app: 'idx', v: '2' } } });
    const after = (await cachedSorted(c, 'pods')).index.namespace(NS).find((o) => o.metadata?.name === 'idx-pod-1');
    // A new object per version: memos keyed by the object (WeakMap) see the change.
    expect(after).not.toBe(before);
    expect(after?.metadata?.labels?.v).toBe('2');
    expect(names((await cachedSorted(c, 'pods')).index.namespace(NS))).toEqual(names((await cachedList(c, 'pods', NS)).items).sort());
  });
});

describe('keyed index: the workload list\'s Services by workload label and selector', () => {
  const sc = () => ({ c, namespace: NS }) as unknown as WorkloadScope;
  /** Every workload's view made by index must equal the view made from the whole namespace (readNeighbours + viewOf). */
  async function sameViews(): Promise<void> {
    const workloads = (await cachedList(c, 'deployments', NS)).items as unknown as WorkloadObject[];
    const [byIndex, whole] = await Promise.all([indexedNeighbours(sc()), readNeighbours(sc())]);
    for (const o of workloads) expect(viewOf(o, byIndex(o)), o.metadata?.name).toEqual(viewOf(o, whole));
  }

  it('stays equal to a scan of the namespace as Services are added, changed and deleted', async () => {
    await createObject(c, deployment('svc-web', { app: 'svc-web', tier: 'front' }));
    await createObject(c, deployment('svc-api', { app: 'svc-api', tier: 'front' }));
    await sameViews();
    // One selects by app, one by tier (both web and api), one is labelled for api only (its selector would fit web too).
    await createObject(c, service('s-app', { app: 'svc-web' }));
    await createObject(c, service('s-tier', { tier: 'front' }));
    await createObject(c, service('s-own', { tier: 'front' }, { 'pier.io/workload': 'svc-api' }));
    await createObject(c, service('s-none', {}));
    await sameViews();
    const [indexed] = [await indexedNeighbours(sc())];
    const web = (await cachedList(c, 'deployments', NS)).items.find((o) => o.metadata?.name === 'svc-web') as unknown as WorkloadObject;
    expect(names(indexed(web).services as KubeObject[])).toEqual(['s-app', 's-tier']);

    // Selector changed to something web lacks: it leaves web's view.
    await mergePatch(c, SERVICE, 's-app', NS, { spec: { selector: { app: 'svc-web', tier: 'back' } } });
    await sameViews();
    expect(names((await indexedNeighbours(sc()))(web).services as KubeObject[])).toEqual(['s-tier']);
    // A merge patch removes a key with null.
    await mergePatch(c, SERVICE, 's-app', NS, { spec: { selector: { tier: null } } });
    await deleteObject(c, SERVICE, 's-tier', NS);
    await sameViews();
    expect(names((await indexedNeighbours(sc()))(web).services as KubeObject[])).toEqual(['s-app']);
    // The same keyed index is reused, not rebuilt per call.
    const keys = () => [];
    expect((await cachedKeyed(c, 'services', 'workload-list', keys)).index).toBe((await cachedKeyed(c, 'services', 'workload-list', keys)).index);
  });
});
