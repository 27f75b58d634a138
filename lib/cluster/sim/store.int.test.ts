import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { fixedClock } from '@/lib/testing/clock';
import { findKind, NAMESPACES, NODES, PODS } from './kinds';
import { metaOf, type K8sObject } from './objects';
import { seedLocalCluster } from './seed';
import { K8sError } from './status';
import {
  changesSince, clusterChangesSince, createObject, currentVersion, deleteObject, getObject, listObjects, patchObject, scaleOf, updateObject,
  updateScale, type Sim,
} from './store';

const CM = findKind('', 'v1', 'configmaps')!;
const DEPLOY = findKind('apps', 'v1', 'deployments')!;
const RS = findKind('apps', 'v1', 'replicasets')!;
const SVC = findKind('', 'v1', 'services')!;

let ts: TestStore;
let s: Sim;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ts = await openTestStore();
  const { clusterId } = await seedLocalCluster(ts.store.db, clock.now());
  s = { db: ts.store.db, clock, clusterId };
});
afterAll(() => ts?.dispose());

/** The Status a failing call carries. */
async function statusOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof K8sError) return err.k8s;
    throw err;
  }
  throw new Error('expected a K8sError');
}

const rv = (o: K8sObject) => Number(metaOf(o).resourceVersion);

const deployment = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } },
});

describe('seedLocalCluster', () => {
  it('seeds namespaces and five nodes, and running it again changes nothing', async () => {
    const before = await currentVersion(s.db, s.clusterId);
    const again = await seedLocalCluster(s.db, clock.now());
    expect(again.clusterId).toBe(s.clusterId);
    expect(await currentVersion(s.db, s.clusterId)).toBe(before);
    const ns = await listObjects(s, NAMESPACES);
    expect(ns.items.map((n) => metaOf(n).name)).toEqual(['alpha', 'beta', 'default', 'kube-system']);
    const nodes = await listObjects(s, NODES);
    expect(nodes.items.map((n) => metaOf(n).name)).toEqual(['edge-a-1', 'edge-a-2', 'worker-1', 'worker-2', 'worker-3']);
    const edge = await listObjects(s, NODES, { labelSelector: 'pier.io/node-group=edge-a,node-role.kubernetes.io/edge' });
    expect(edge.items).toHaveLength(2);
    expect(edge.items[0].spec).toEqual({ taints: [{ key: 'node-role.kubernetes.io/edge', effect: 'NoSchedule' }] });
    const w1 = await getObject(s, NODES, undefined, 'worker-1');
    expect(w1.status).toMatchObject({ allocatable: { cpu: '4', memory: '8Gi' }, conditions: expect.arrayContaining([expect.objectContaining({ type: 'Ready', status: 'True' })]) });
  });
});

describe('create and get', () => {
  it('stamps uid, creationTimestamp, resourceVersion and generation, and versions only grow', async () => {
    const a = await createObject(s, DEPLOY, 'alpha', deployment('web'));
    const b = await createObject(s, CM, 'alpha', { metadata: { name: 'conf' }, data: { k: 'v' } });
    expect(metaOf(a)).toMatchObject({ name: 'web', namespace: 'alpha', generation: 1, creationTimestamp: '2026-03-01T10:00:00Z' });
    expect(metaOf(a).uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(rv(b)).toBeGreaterThan(rv(a));
    expect(metaOf(b).generation).toBeUndefined();
    expect(a.status).toBeUndefined();
    expect(await getObject(s, DEPLOY, 'alpha', 'web')).toEqual(a);
    expect(await currentVersion(s.db, s.clusterId)).toBe(rv(b));
  });

  it('generateName adds five characters; pods start Pending', async () => {
    const p = await createObject(s, PODS, 'alpha', { metadata: { generateName: 'web-' }, spec: { containers: [] }, status: { phase: 'Running' } });
    expect(metaOf(p).name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.status).toEqual({ phase: 'Pending' });
  });

  it('AlreadyExists, NotFound, and a namespace that does not exist', async () => {
    expect(await statusOf(createObject(s, DEPLOY, 'alpha', deployment('web')))).toMatchObject({
      code: 409, reason: 'AlreadyExists', message: 'deployments.apps "web" already exists', details: { name: 'web', group: 'apps', kind: 'deployments' },
    });
    expect(await statusOf(getObject(s, DEPLOY, 'alpha', 'nope'))).toMatchObject({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound', message: 'deployments.apps "nope" not found',
    });
    expect(await statusOf(createObject(s, CM, 'nowhere', { metadata: { name: 'x' } }))).toMatchObject({
      code: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found',
    });
    // default and kube-system exist from the start
    await createObject(s, CM, 'kube-system', { metadata: { name: 'x' } });
  });

  it.each([
    [DEPLOY, 'Web_1', 'a lowercase RFC 1123 subdomain'],
    [NAMESPACES, 'has.dot', 'a lowercase RFC 1123 label'],
    [SVC, 'a'.repeat(64), 'must be no more than 63 characters'],
  ])('refuses the name of a %s %j with 422 Invalid naming metadata.name', async (k, name, text) => {
    const st = await statusOf(createObject(s, k, k.namespaced ? 'alpha' : undefined, { metadata: { name } }));
    expect(st).toMatchObject({ code: 422, reason: 'Invalid', details: { name, kind: k.kind } });
    expect(st.message).toContain(`"${name}" is invalid: metadata.name: Invalid value`);
    expect(st.details!.causes![0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
    expect(st.details!.causes![0].message).toContain(text);
  });

  it('refuses a missing name, bad labels, and a mismatched kind or namespace', async () => {
    expect(await statusOf(createObject(s, CM, 'alpha', { data: {} }))).toMatchObject({
      code: 422, reason: 'Invalid', details: { causes: [{ reason: 'FieldValueRequired', field: 'metadata.name' }] },
    });
    expect(await statusOf(createObject(s, CM, 'alpha', { metadata: { name: 'l', labels: { 'bad key!': 'x' } } }))).toMatchObject({
      code: 422, details: { causes: [{ field: 'metadata.labels' }] },
    });
    expect(await statusOf(createObject(s, CM, 'alpha', { kind: 'Secret', metadata: { name: 'k' } }))).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(await statusOf(createObject(s, CM, 'alpha', { metadata: { name: 'k', namespace: 'beta' } }))).toMatchObject({ code: 400 });
  });
});

describe('update', () => {
  it('409 Conflict on a stale resourceVersion; generation bumps only when spec changes', async () => {
    const d = await createObject(s, DEPLOY, 'beta', deployment('api'));
    const labelled = await updateObject(s, DEPLOY, 'beta', 'api', { ...d, metadata: { ...metaOf(d), labels: { app: 'api', x: 'y' } } });
    expect(metaOf(labelled).generation).toBe(1);
    expect(rv(labelled)).toBeGreaterThan(rv(d));
    const st = await statusOf(updateObject(s, DEPLOY, 'beta', 'api', { ...d, spec: { ...(d.spec as object), replicas: 5 } }));
    expect(st).toMatchObject({
      code: 409, reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "api": the object has been modified; please apply your changes to the latest version and try again',
    });
    const scaled = await updateObject(s, DEPLOY, 'beta', 'api', { ...labelled, spec: { ...(d.spec as object), replicas: 5 } });
    expect(metaOf(scaled).generation).toBe(2);
    expect(metaOf(scaled).uid).toBe(metaOf(d).uid);
    // Without a resourceVersion the update is unconditional.
    const { resourceVersion: _rv, ...meta } = metaOf(scaled);
    const again = await updateObject(s, DEPLOY, 'beta', 'api', { ...scaled, metadata: meta, spec: { ...(d.spec as object), replicas: 6 } });
    expect(metaOf(again).generation).toBe(3);
  });

  it('an update that changes nothing keeps the resourceVersion', async () => {
    const cur = await getObject(s, DEPLOY, 'beta', 'api');
    expect(await updateObject(s, DEPLOY, 'beta', 'api', cur)).toEqual(cur);
  });

  it('the main resource ignores status; the status subresource changes only status', async () => {
    const cur = await getObject(s, DEPLOY, 'beta', 'api');
    const ignored = await updateObject(s, DEPLOY, 'beta', 'api', { ...cur, status: { replicas: 9 } });
    expect(ignored.status).toBeUndefined();
    const withStatus = await updateObject(s, DEPLOY, 'beta', 'api', { ...cur, spec: { replicas: 1 }, status: { replicas: 3 } }, 'status');
    expect(withStatus.status).toEqual({ replicas: 3 });
    expect(withStatus.spec).toEqual(cur.spec);
    expect(metaOf(withStatus).generation).toBe(metaOf(cur).generation);
    const patched = await patchObject(s, DEPLOY, 'beta', 'api', 'merge', { status: { readyReplicas: 2 }, spec: { replicas: 0 } }, 'status');
    expect(patched.status).toEqual({ replicas: 3, readyReplicas: 2 });
    expect(patched.spec).toEqual(cur.spec);
  });

  it('404 for a missing object, 400 when the body names another object', async () => {
    expect(await statusOf(updateObject(s, CM, 'alpha', 'missing', { metadata: { name: 'missing' } }))).toMatchObject({ code: 404 });
    expect(await statusOf(updateObject(s, CM, 'alpha', 'conf', { metadata: { name: 'other' } }))).toMatchObject({ code: 400, reason: 'BadRequest' });
  });
});

describe('patch', () => {
  it('merge patch (RFC 7386) sets and removes keys', async () => {
    await createObject(s, CM, 'alpha', { metadata: { name: 'mp' }, data: { a: '1', b: '2' } });
    const p = await patchObject(s, CM, 'alpha', 'mp', 'merge', { data: { a: null, c: '3' }, metadata: { labels: { l: 'v' } } });
    expect(p.data).toEqual({ b: '2', c: '3' });
    expect(metaOf(p).labels).toEqual({ l: 'v' });
    expect(await statusOf(patchObject(s, CM, 'alpha', 'mp', 'merge', { metadata: { resourceVersion: '1' } }))).toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('JSON patch (RFC 6902) applies all or nothing', async () => {
    const before = await getObject(s, CM, 'alpha', 'mp');
    const p = await patchObject(s, CM, 'alpha', 'mp', 'json', [
      { op: 'test', path: '/data/b', value: '2' },
      { op: 'replace', path: '/data/b', value: 'two' },
      { op: 'add', path: '/data/d', value: '4' },
    ]);
    expect(p.data).toEqual({ b: 'two', c: '3', d: '4' });
    const st = await statusOf(patchObject(s, CM, 'alpha', 'mp', 'json', [
      { op: 'add', path: '/data/e', value: '5' },
      { op: 'remove', path: '/data/nope' },
    ]));
    expect(st).toMatchObject({ code: 422, reason: 'Invalid' });
    expect((await getObject(s, CM, 'alpha', 'mp')).data).toEqual({ b: 'two', c: '3', d: '4' });
    expect(rv(p)).toBeGreaterThan(rv(before));
  });

  it('a patch cannot rename or re-namespace', async () => {
    expect(await statusOf(patchObject(s, CM, 'alpha', 'mp', 'merge', { metadata: { name: 'other' } }))).toMatchObject({ code: 400 });
  });
});

describe('list', () => {
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      await createObject(s, PODS, i % 2 ? 'alpha' : 'beta', {
        metadata: { name: `p${i}`, labels: { app: i < 4 ? 'a' : 'b', tier: String(i % 3), ...(i === 6 ? { special: '' } : {}) } },
        spec: { nodeName: i < 2 ? 'worker-1' : 'worker-2', containers: [] },
      });
    }
    await patchObject(s, PODS, 'beta', 'p0', 'merge', { status: { phase: 'Running' } }, 'status');
  });

  const names = async (o: Parameters<typeof listObjects>[2]) =>
    (await listObjects(s, PODS, o)).items.map((p) => `${metaOf(p).namespace}/${metaOf(p).name}`).filter((n) => /\/p\d$/.test(n));

  it('by namespace or across all, ordered by (namespace, name)', async () => {
    expect(await names({ namespace: 'alpha' })).toEqual(['alpha/p1', 'alpha/p3', 'alpha/p5']);
    expect(await names({})).toEqual(['alpha/p1', 'alpha/p3', 'alpha/p5', 'beta/p0', 'beta/p2', 'beta/p4', 'beta/p6']);
  });

  it.each([
    ['app=a', ['alpha/p1', 'alpha/p3', 'beta/p0', 'beta/p2']],
    ['app==b,tier!=0', ['alpha/p5', 'beta/p4']],
    ['tier in (1, 2)', ['alpha/p1', 'alpha/p5', 'beta/p2', 'beta/p4']],
    ['tier notin (0,1)', ['alpha/p5', 'beta/p2']],
    ['special', ['beta/p6']],
    ['!special,app=b', ['alpha/p5', 'beta/p4']],
  ])('labelSelector %j', async (labelSelector, want) => {
    expect(await names({ labelSelector })).toEqual(want);
  });

  it.each([
    ['spec.nodeName=worker-1', ['alpha/p1', 'beta/p0']],
    ['status.phase=Running', ['beta/p0']],
    ['status.phase!=Running,metadata.namespace=beta', ['beta/p2', 'beta/p4', 'beta/p6']],
    ['metadata.name=p3', ['alpha/p3']],
  ])('fieldSelector %j', async (fieldSelector, want) => {
    expect(await names({ fieldSelector })).toEqual(want);
  });

  it('400 BadRequest for an unsupported field or a malformed selector', async () => {
    expect(await statusOf(listObjects(s, PODS, { fieldSelector: 'spec.bogus=x' }))).toMatchObject({ code: 400, message: 'field label not supported: spec.bogus' });
    expect(await statusOf(listObjects(s, PODS, { labelSelector: 'a in b' }))).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(await statusOf(listObjects(s, PODS, { limit: 2, continue: 'garbage' }))).toMatchObject({ code: 400 });
  });

  it('limit and continue walk every page once, under one resourceVersion', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    const versions = new Set<string>();
    let pages = 0;
    do {
      const page = await listObjects(s, PODS, { labelSelector: 'app', limit: 3, continue: token });
      seen.push(...page.items.map((p) => `${metaOf(p).namespace}/${metaOf(p).name}`));
      versions.add(page.metadata.resourceVersion);
      token = page.metadata.continue;
      pages++;
      expect(page.kind).toBe('PodList');
      expect(page.items[0]).not.toHaveProperty('kind');
      if (pages === 1) await createObject(s, CM, 'alpha', { metadata: { name: 'during-paging' } });
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['alpha/p1', 'alpha/p3', 'alpha/p5', 'beta/p0', 'beta/p2', 'beta/p4', 'beta/p6']);
    expect(versions.size).toBe(1);
  });
});

describe('delete', () => {
  async function family(ns: string, name: string) {
    const d = await createObject(s, DEPLOY, ns, deployment(name));
    const ref = (o: K8sObject, kind: string, apiVersion = 'apps/v1') => ({ apiVersion, kind, name: metaOf(o).name!, uid: metaOf(o).uid!, controller: true });
    const rs = await createObject(s, RS, ns, { metadata: { name: `${name}-rs`, ownerReferences: [ref(d, 'Deployment')] }, spec: { replicas: 1 } });
    const pod = await createObject(s, PODS, ns, { metadata: { name: `${name}-pod`, ownerReferences: [ref(rs, 'ReplicaSet')] }, spec: { containers: [] } });
    return { d, rs, pod };
  }
  const exists = async (k: typeof PODS, ns: string, name: string) => getObject(s, k, ns, name).then(() => true, () => false);

  it('Background deletes the owner, then its dependents, transitively', async () => {
    const { d } = await family('alpha', 'bg');
    const from = await currentVersion(s.db, s.clusterId);
    const gone = await deleteObject(s, DEPLOY, 'alpha', 'bg');
    expect(metaOf(gone).uid).toBe(metaOf(d).uid);
    expect(await exists(RS, 'alpha', 'bg-rs')).toBe(false);
    expect(await exists(PODS, 'alpha', 'bg-pod')).toBe(false);
    const deleted = [
      ...(await changesSince(s, DEPLOY, { after: from })), ...(await changesSince(s, RS, { after: from })), ...(await changesSince(s, PODS, { after: from })),
    ].sort((a, b) => a.resourceVersion - b.resourceVersion);
    expect(deleted.map((c) => `${c.type} ${metaOf(c.object).name}`)).toEqual(['DELETED bg', 'DELETED bg-rs', 'DELETED bg-pod']);
  });

  it('Foreground deletes dependents first', async () => {
    await family('alpha', 'fg');
    const from = await currentVersion(s.db, s.clusterId);
    await deleteObject(s, DEPLOY, 'alpha', 'fg', { propagationPolicy: 'Foreground' });
    const order = [...(await changesSince(s, DEPLOY, { after: from })), ...(await changesSince(s, RS, { after: from })), ...(await changesSince(s, PODS, { after: from }))]
      .sort((a, b) => a.resourceVersion - b.resourceVersion)
      .map((c) => metaOf(c.object).name);
    expect(order).toEqual(['fg-pod', 'fg-rs', 'fg']);
  });

  it('Orphan keeps dependents and strips the owner reference', async () => {
    await family('alpha', 'or');
    await deleteObject(s, DEPLOY, 'alpha', 'or', { propagationPolicy: 'Orphan' });
    const rs = await getObject(s, RS, 'alpha', 'or-rs');
    expect(metaOf(rs).ownerReferences).toBeUndefined();
    expect(metaOf(await getObject(s, PODS, 'alpha', 'or-pod')).ownerReferences).toHaveLength(1);
  });

  it('preconditions and an unknown policy are refused', async () => {
    const c = await createObject(s, CM, 'alpha', { metadata: { name: 'pre' } });
    expect(await statusOf(deleteObject(s, CM, 'alpha', 'pre', { preconditions: { uid: 'x' } }))).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(await statusOf(deleteObject(s, CM, 'alpha', 'pre', { preconditions: { resourceVersion: '1' } }))).toMatchObject({ code: 409 });
    expect(await statusOf(deleteObject(s, CM, 'alpha', 'pre', { propagationPolicy: 'Sideways' as never }))).toMatchObject({ code: 400 });
    await deleteObject(s, CM, 'alpha', 'pre', { preconditions: { uid: metaOf(c).uid, resourceVersion: metaOf(c).resourceVersion } });
    expect(await statusOf(deleteObject(s, CM, 'alpha', 'pre'))).toMatchObject({ code: 404 });
  });

  it('deleting a namespace deletes everything in it, and nothing elsewhere', async () => {
    await createObject(s, NAMESPACES, undefined, { metadata: { name: 'doomed' } });
    await family('doomed', 'x');
    await createObject(s, CM, 'doomed', { metadata: { name: 'c' } });
    await deleteObject(s, NAMESPACES, undefined, 'doomed');
    for (const k of [DEPLOY, RS, PODS, CM]) expect((await listObjects(s, k, { namespace: 'doomed' })).items).toEqual([]);
    expect(await exists(NAMESPACES, '', 'doomed')).toBe(false);
    expect(await exists(CM, 'alpha', 'conf')).toBe(true);
    expect(await statusOf(createObject(s, CM, 'doomed', { metadata: { name: 'late' } }))).toMatchObject({ code: 404 });
  });
});

describe('watch changes', () => {
  it('returns ADDED, MODIFIED and DELETED after a version, in order, for one resource and namespace', async () => {
    const from = await currentVersion(s.db, s.clusterId);
    await createObject(s, CM, 'beta', { metadata: { name: 'w' }, data: { a: '1' } });
    await createObject(s, CM, 'alpha', { metadata: { name: 'w-elsewhere' } });
    await createObject(s, SVC, 'beta', { metadata: { name: 'w-svc' }, spec: {} });
    await patchObject(s, CM, 'beta', 'w', 'merge', { data: { a: '2' } });
    await deleteObject(s, CM, 'beta', 'w');
    const changes = await changesSince(s, CM, { after: from, namespace: 'beta' });
    expect(changes.map((c) => c.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(changes.map((c) => c.resourceVersion)).toEqual([...changes.map((c) => c.resourceVersion)].sort((a, b) => a - b));
    expect(changes[1].object.data).toEqual({ a: '2' });
    expect(metaOf(changes[2].object).resourceVersion).toBe(String(changes[2].resourceVersion));
    expect(await changesSince(s, CM, { after: changes[2].resourceVersion, namespace: 'beta' })).toEqual([]);
    expect((await changesSince(s, CM, { after: from })).length).toBe(4);
  });

  it('clusterChangesSince reads every resource in order, page by page, and says where to go on', async () => {
    const from = await currentVersion(s.db, s.clusterId);
    await createObject(s, CM, 'beta', { metadata: { name: 'all-1' } });
    await createObject(s, DEPLOY, 'beta', deployment('all-2'));
    await createObject(s, NAMESPACES, undefined, { metadata: { name: 'all-3' } });
    const first = await clusterChangesSince(s, from, 2);
    expect(first.changes.map((c) => `${c.kind.kind} ${metaOf(c.object).name}`)).toEqual(['ConfigMap all-1', 'Deployment all-2']);
    const second = await clusterChangesSince(s, first.next, 2);
    expect(second.changes.map((c) => `${c.type} ${c.kind.plural} ${metaOf(c.object).name}`)).toEqual(['ADDED namespaces all-3']);
    expect(second.next).toBe(await currentVersion(s.db, s.clusterId));
    expect(await clusterChangesSince(s, second.next)).toEqual({ changes: [], next: second.next });
  });

  it('concurrent writers get distinct, increasing versions', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => createObject(s, CM, 'beta', { metadata: { name: `par-${i}` } })));
    const versions = made.map(rv);
    expect(new Set(versions).size).toBe(8);
    const from = Math.min(...versions) - 1;
    const changes = await changesSince(s, CM, { after: from, namespace: 'beta' });
    expect(changes.map((c) => c.resourceVersion)).toEqual([...versions].sort((a, b) => a - b));
  });
});

describe('concurrency', () => {
  it('a delete walking dependents and patches of those dependents never deadlock', async () => {
    const owner = await createObject(s, CM, 'beta', { metadata: { name: 'many-owner' } });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'many-owner', uid: metaOf(owner).uid! };
    const names = Array.from({ length: 12 }, (_, i) => `many-${i}`);
    for (const name of names) await createObject(s, CM, 'beta', { metadata: { name, ownerReferences: [ref] }, data: { n: '0' } });
    const results = await Promise.allSettled([
      ...names.map((name) => patchObject(s, CM, 'beta', name, 'merge', { data: { n: '1' } })),
      deleteObject(s, CM, 'beta', 'many-owner'),
      ...names.map((name) => patchObject(s, CM, 'beta', name, 'merge', { data: { n: '2' } })),
    ]);
    for (const r of results) {
      // A patch that lands after the garbage collection finds nothing: 404, never a deadlock or a 500.
      if (r.status === 'rejected') expect((r.reason as K8sError).k8s).toMatchObject({ code: 404 });
    }
    expect(results[names.length].status).toBe('fulfilled');
    for (const name of names) expect(await statusOf(getObject(s, CM, 'beta', name))).toMatchObject({ code: 404 });
  });
});

describe('scale', () => {
  it('reads and writes spec.replicas through a Scale', async () => {
    const d = await createObject(s, DEPLOY, 'beta', deployment('sc', 2));
    expect(scaleOf(DEPLOY, d)).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=sc' } });
    const sc = await updateScale(s, DEPLOY, 'beta', 'sc', { spec: { replicas: 4 } });
    expect(sc.spec).toEqual({ replicas: 4 });
    const after = await getObject(s, DEPLOY, 'beta', 'sc');
    expect(after.spec).toMatchObject({ replicas: 4 });
    expect(metaOf(after).generation).toBe(2);
    expect(await statusOf(updateScale(s, DEPLOY, 'beta', 'sc', { spec: { replicas: -1 } }))).toMatchObject({ code: 422, details: { causes: [{ field: 'spec.replicas' }] } });
    expect(await statusOf(updateScale(s, DEPLOY, 'beta', 'sc', { metadata: { resourceVersion: metaOf(d).resourceVersion }, spec: { replicas: 1 } }))).toMatchObject({ code: 409 });
  });
});
