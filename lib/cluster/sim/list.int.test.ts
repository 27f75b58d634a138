import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCluster } from '@/lib/tooling/bench-cluster-fill';
import { fixedClock } from '@/lib/testing/clock';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { findKind, NODES, PODS } from './kinds';
import { metaOf } from './objects';
import { seedLocalCluster } from './seed';
import { changesSince, createObject, getObject, listObjects, listObjectsJson, patchObject, updateObject, type ListOptions, type Sim } from './store';

const DEPLOY = findKind('apps', 'v1', 'deployments')!;
const RS = findKind('apps', 'v1', 'replicasets')!;
const SECRETS = findKind('', 'v1', 'secrets')!;

let ts: TestStore;
let s: Sim;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ts = await openTestStore();
  const { clusterId } = await seedLocalCluster(ts.store.db, clock.now());
  s = { db: ts.store.db, clock, clusterId };
  // 3 namespaces, 6 Deployments of 7 pods over 4 nodes: Deployment d lives in bench-(d mod 3).
  await fillCluster(s, { nodes: 4, deployments: 6, replicas: 7, namespaces: 3, batch: 10 });
}, 180_000); // PGlite's first start compiles its WASM: minutes on a loaded machine
afterAll(() => ts?.dispose());

/** Every page of a list, following continue; the JSON text and the parsed list must agree page by page. */
async function allPages(o: ListOptions, limit: number) {
  const pages: Array<{ rv: string; names: string[] }> = [];
  let token: string | undefined;
  do {
    const text = await listObjectsJson(s, PODS, { ...o, limit, continue: token });
    const parsed = JSON.parse(text) as { apiVersion: string; kind: string; metadata: { resourceVersion: string; continue?: string }; items: Array<Record<string, unknown>> };
    const list = await listObjects(s, PODS, { ...o, limit, continue: token });
    expect(parsed).toEqual(list);
    expect(parsed.apiVersion).toBe('v1');
    expect(parsed.kind).toBe('PodList');
    for (const item of parsed.items) {
      expect(item).not.toHaveProperty('kind');
      expect(item).not.toHaveProperty('apiVersion');
    }
    pages.push({ rv: parsed.metadata.resourceVersion, names: parsed.items.map((i) => `${metaOf(i).namespace}/${metaOf(i).name}`) });
    token = parsed.metadata.continue;
  } while (token);
  return pages;
}

describe('the bench fill', () => {
  it('writes the controllers\' end state: owned pods bound to nodes, Running and Ready, each with an ADDED change', async () => {
    const pods = await listObjects(s, PODS, { namespace: 'bench-1' });
    expect(pods.items).toHaveLength(14);
    const sets = await listObjects(s, RS, { namespace: 'bench-1' });
    const deployments = await listObjects(s, DEPLOY, { namespace: 'bench-1' });
    expect(deployments.items.map((d) => metaOf(d).name)).toEqual(['app-1', 'app-4']);
    const set = sets.items.find((r) => metaOf(r).ownerReferences?.[0].name === 'app-1')!;
    expect(metaOf(set).ownerReferences?.[0].uid).toBe(metaOf(deployments.items[0]).uid);
    const owned = pods.items.filter((p) => metaOf(p).ownerReferences?.[0].uid === metaOf(set).uid);
    expect(owned).toHaveLength(7);
    for (const p of owned) {
      expect(metaOf(p).labels).toEqual({ app: 'app-1', tier: 'web', 'pod-template-hash': metaOf(set).labels!['pod-template-hash'] });
      expect(p.status).toMatchObject({ phase: 'Running', conditions: expect.arrayContaining([{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: expect.any(String) }]) });
      expect((p.spec as { nodeName: string }).nodeName).toMatch(/^bench-node-00[0-3]$/);
    }
    expect((await listObjects(s, NODES, { labelSelector: 'pier.io/bench=true' })).items).toHaveLength(4);
    const added = await changesSince(s, PODS, { after: 0, namespace: 'bench-1', limit: 100 });
    expect(added.map((c) => c.type)).toEqual(Array(14).fill('ADDED'));
  });
});

describe('lists: one statement, stored text, keyset pages', () => {
  it('a namespace\'s pods by label, page by page: every match once, in name order, under the first page\'s version', async () => {
    const pages = await allPages({ namespace: 'bench-1', labelSelector: 'tier=web' }, 4);
    expect(pages.map((p) => p.names.length)).toEqual([4, 4, 4, 2]);
    const names = pages.flatMap((p) => p.names);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(14);
    expect(new Set(pages.map((p) => p.rv)).size).toBe(1);
  });

  it('across namespaces the pages continue from (namespace, name)', async () => {
    const names = (await allPages({ labelSelector: 'app in (app-0, app-2, app-4)' }, 5)).flatMap((p) => p.names);
    expect(names).toHaveLength(21);
    // app-0 lives in bench-0, app-4 in bench-1, app-2 in bench-2.
    expect(names.map((n) => n.split('/')[0])).toEqual([...Array(7).fill('bench-0'), ...Array(7).fill('bench-1'), ...Array(7).fill('bench-2')]);
    expect(names).toEqual([...names].sort());
  });

  it('a selector that matches nothing gives an empty page with the current version and no continue', async () => {
    const text = await listObjectsJson(s, PODS, { namespace: 'bench-2', labelSelector: 'app=none', limit: 500 });
    const list = JSON.parse(text);
    expect(list.items).toEqual([]);
    expect(list.metadata.continue).toBeUndefined();
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('an object whose stored text has a top-level key longer than apiVersion still loses kind and apiVersion', async () => {
    // binaryData sorts after apiVersion in jsonb's key order: the string shortcut does not apply.
    await createObject(s, findKind('', 'v1', 'configmaps')!, 'default', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'long-keys' }, binaryData: { b: 'AA==' }, data: { a: '1' },
    });
    const list = JSON.parse(await listObjectsJson(s, findKind('', 'v1', 'configmaps')!, { namespace: 'default', fieldSelector: 'metadata.name=long-keys' }));
    expect(list.items).toEqual([expect.objectContaining({ binaryData: { b: 'AA==' }, data: { a: '1' } })]);
    expect(list.items[0]).not.toHaveProperty('kind');
    expect(list.items[0]).not.toHaveProperty('apiVersion');
    expect((await listObjectsJson(s, SECRETS, { namespace: 'bench-0' })).endsWith('"items":[]}')).toBe(true);
  });

  it('a listed item is the object as last written (the stored item text follows every update and patch)', async () => {
    const CM = findKind('', 'v1', 'configmaps')!;
    const listed = async () => JSON.parse(await listObjectsJson(s, CM, { namespace: 'default', fieldSelector: 'metadata.name=follows' })).items;
    const stored = async () => {
      const { kind: _k, apiVersion: _a, ...rest } = await getObject(s, CM, 'default', 'follows');
      return rest;
    };
    await createObject(s, CM, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'follows', labels: { v: '1' } }, data: { a: '1' } });
    expect(await listed()).toEqual([await stored()]);
    const current = await getObject(s, CM, 'default', 'follows');
    await updateObject(s, CM, 'default', 'follows', { ...current, data: { a: '2', b: 'x' } });
    expect(await listed()).toEqual([await stored()]);
    expect((await listed())[0].data).toEqual({ a: '2', b: 'x' });
    await patchObject(s, CM, 'default', 'follows', 'merge', { metadata: { labels: { v: '3' } }, data: { b: null } });
    const [item] = await listed();
    expect(item).toEqual(await stored());
    expect(item.metadata.labels).toEqual({ v: '3' });
    expect(item.data).toEqual({ a: '2' });
    expect(item.metadata.resourceVersion).toBe(metaOf(await getObject(s, CM, 'default', 'follows')).resourceVersion);
  });

  it('a cluster that does not exist is a 404, not an empty list', async () => {
    await expect(listObjectsJson({ ...s, clusterId: 'nope' }, PODS, {})).rejects.toMatchObject({ k8s: { code: 404 } });
  });
});
