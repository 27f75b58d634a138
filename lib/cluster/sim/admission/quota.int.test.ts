import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/k8s/[cluster]/[...path]/route';
import { fixedClock } from '@/lib/testing/clock';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { clusters } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { findKind, PODS } from '../kinds';
import { metaOf } from '../objects';
import { seedLocalCluster } from '../seed';
import { createObject, getObject, listObjects, patchObject, type Sim } from '../store';
import { K8sError } from '../status';
import { EVENTS } from '../controllers/events';
import { ClusterManager } from '../controllers/manager';
import { REPLICASETS, replicaSetController } from '../controllers/replicaset';
import { QUOTAS } from './usage';
import { quotaController } from './quota-controller';

const w = setupWorld();
const clock = fixedClock('2026-03-01T10:00:00Z');
let s: Sim;
let m: ClusterManager;
let token: string;
const CONFIGMAPS = findKind('', 'v1', 'configmaps')!;
const PVCS = findKind('', 'v1', 'persistentvolumeclaims')!;
const SERVICES = findKind('', 'v1', 'services')!;

beforeAll(async () => {
  await seedLocalCluster(w.db, clock.now());
  const [row] = await w.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, 'local'));
  s = { db: w.db, clock, clusterId: row.id };
  m = new ClusterManager({ sim: s, controllers: [replicaSetController, quotaController] });
  token = await tokenFor(w, 'admin');
  for (const ns of ['q1', 'q2', 'q3', 'q4']) await createObject(s, findKind('', 'v1', 'namespaces')!, undefined, { metadata: { name: ns } });
});

const pod = (name: string, requests?: Record<string, string>, limits?: Record<string, string>) => ({
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx:alpine', ...(requests || limits ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } } : {}) }] },
});

async function refusal(p: Promise<unknown>): Promise<{ code: number; reason: string; message: string }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(K8sError);
  const k = (err as K8sError).k8s;
  return { code: k.code, reason: k.reason, message: k.message };
}

describe('ResourceQuota admission', () => {
  it('refuses the pod past `pods` with 403 and the apiserver message, over HTTP too, and stores nothing', async () => {
    await createObject(s, QUOTAS, 'q1', { metadata: { name: 'pods-quota' }, spec: { hard: { pods: '2' } } });
    await createObject(s, PODS, 'q1', pod('a'));
    await createObject(s, PODS, 'q1', pod('b'));
    expect(await refusal(createObject(s, PODS, 'q1', pod('c')))).toEqual({
      code: 403, reason: 'Forbidden', message: 'pods "c" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=2, limited: pods=2',
    });
    const res = await call(POST, request('/k8s/local/api/v1/namespaces/q1/pods', { method: 'POST', json: pod('d'), headers: { authorization: `Bearer ${token}` } }), {
      cluster: 'local', path: ['api', 'v1', 'namespaces', 'q1', 'pods'],
    });
    expect(res.status).toBe(403);
    expect(await body(res)).toMatchObject({
      kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403,
      message: 'pods "d" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=2, limited: pods=2',
      details: { name: 'd', kind: 'pods' },
    });
    expect((await listObjects(s, PODS, { namespace: 'q1' })).items.map((p) => metaOf(p).name)).toEqual(['a', 'b']);
    // Finished pods no longer count.
    await patchObject(s, PODS, 'q1', 'a', 'merge', { status: { phase: 'Succeeded' } }, 'status');
    await createObject(s, PODS, 'q1', pod('c'));
  });

  it('compute quotas: requests and limits summed over the namespace; pods that omit them are refused', async () => {
    await createObject(s, QUOTAS, 'q2', {
      metadata: { name: 'compute' },
      spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' } },
    });
    expect((await refusal(createObject(s, PODS, 'q2', pod('bare')))).message).toBe(
      'pods "bare" is forbidden: failed quota: compute: must specify limits.cpu for: c; limits.memory for: c; requests.cpu for: c; requests.memory for: c',
    );
    expect((await refusal(createObject(s, PODS, 'q2', pod('half', { cpu: '100m', memory: '64Mi' })))).message).toBe(
      'pods "half" is forbidden: failed quota: compute: must specify limits.cpu for: c; limits.memory for: c',
    );
    const full = (n: string, cpu: string) => pod(n, { cpu, memory: '256Mi' }, { cpu, memory: '512Mi' });
    await createObject(s, PODS, 'q2', full('p1', '600m'));
    expect((await refusal(createObject(s, PODS, 'q2', full('p2', '500m')))).message).toBe(
      'pods "p2" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
    await createObject(s, PODS, 'q2', full('p2', '400m'));
    // Memory limits: 2 × 512Mi used of 2Gi; a 1.5Gi limit is too much.
    expect((await refusal(createObject(s, PODS, 'q2', pod('p3', { cpu: '0', memory: '1Mi' }, { cpu: '0', memory: '1536Mi' })))).message).toBe(
      'pods "p3" is forbidden: exceeded quota: compute, requested: limits.memory=1536Mi, used: limits.memory=1Gi, limited: limits.memory=2Gi',
    );
  });

  it('object counts, services, configmaps, claims and requests.storage; updates that raise usage are checked', async () => {
    await createObject(s, QUOTAS, 'q3', {
      metadata: { name: 'objects' },
      spec: { hard: { configmaps: '1', services: '1', 'services.nodeports': '1', persistentvolumeclaims: '2', 'requests.storage': '5Gi', 'count/replicasets.apps': '1' } },
    });
    await createObject(s, CONFIGMAPS, 'q3', { metadata: { name: 'one' } });
    expect((await refusal(createObject(s, CONFIGMAPS, 'q3', { metadata: { name: 'two' } }))).message).toBe(
      'configmaps "two" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    );
    expect((await refusal(createObject(s, SERVICES, 'q3', { metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] } }))).message).toBe(
      'services "np" is forbidden: exceeded quota: objects, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
    const claim = (name: string, storage: string) => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } });
    await createObject(s, PVCS, 'q3', claim('data', '4Gi'));
    expect((await refusal(createObject(s, PVCS, 'q3', claim('more', '2Gi')))).message).toBe(
      'persistentvolumeclaims "more" is forbidden: exceeded quota: objects, requested: requests.storage=2Gi, used: requests.storage=4Gi, limited: requests.storage=5Gi',
    );
    // Growing the claim past the limit is refused; the stored claim is unchanged.
    expect((await refusal(patchObject(s, PVCS, 'q3', 'data', 'merge', { spec: { resources: { requests: { storage: '6Gi' } } } }))).message).toBe(
      'persistentvolumeclaims "data" is forbidden: exceeded quota: objects, requested: requests.storage=2Gi, used: requests.storage=4Gi, limited: requests.storage=5Gi',
    );
    expect((await getObject(s, PVCS, 'q3', 'data')).spec).toMatchObject({ resources: { requests: { storage: '4Gi' } } });
    await patchObject(s, PVCS, 'q3', 'data', 'merge', { spec: { resources: { requests: { storage: '5Gi' } } } });
    await createObject(s, REPLICASETS, 'q3', { metadata: { name: 'rs1' }, spec: { replicas: 0, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } } });
    expect((await refusal(createObject(s, REPLICASETS, 'q3', { metadata: { name: 'rs2' }, spec: { replicas: 0 } }))).message).toBe(
      'replicasets.apps "rs2" is forbidden: exceeded quota: objects, requested: count/replicasets.apps=1, used: count/replicasets.apps=1, limited: count/replicasets.apps=1',
    );
  });

  it('the quota controller keeps status.hard and status.used current', async () => {
    await m.settle();
    expect((await getObject(s, QUOTAS, 'q3', 'objects')).status).toEqual({
      hard: { configmaps: '1', services: '1', 'services.nodeports': '1', persistentvolumeclaims: '2', 'requests.storage': '5Gi', 'count/replicasets.apps': '1' },
      used: { configmaps: '1', services: '0', 'services.nodeports': '0', persistentvolumeclaims: '1', 'requests.storage': '5Gi', 'count/replicasets.apps': '1' },
    });
    expect((await getObject(s, QUOTAS, 'q2', 'compute')).status).toEqual({
      hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' },
      used: { 'requests.cpu': '1', 'requests.memory': '512Mi', 'limits.cpu': '1', 'limits.memory': '1Gi' },
    });
    await patchObject(s, QUOTAS, 'q2', 'compute', 'merge', { spec: { hard: { 'limits.cpu': null, pods: '10' } } });
    await m.settle();
    expect((await getObject(s, QUOTAS, 'q2', 'compute')).status).toEqual({
      hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.memory': '2Gi', pods: '10' },
      used: { 'requests.cpu': '1', 'requests.memory': '512Mi', 'limits.memory': '1Gi', pods: '2' },
    });
  });

  it('a ReplicaSet blocked by quota creates what fits and records FailedCreate', async () => {
    await createObject(s, QUOTAS, 'q4', { metadata: { name: 'two-pods' }, spec: { hard: { pods: '2' } } });
    await createObject(s, REPLICASETS, 'q4', {
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } },
    });
    // The manager retries the refused create with back-off; one settle is enough to see the first refusal.
    const quiet = console.error;
    console.error = () => undefined;
    try {
      await m.settle(50);
    } catch {
      // The retries keep it busy: what matters is what it wrote.
    } finally {
      console.error = quiet;
    }
    expect((await listObjects(s, PODS, { namespace: 'q4' })).items).toHaveLength(2);
    const ev = await listObjects(s, EVENTS, { namespace: 'q4', fieldSelector: 'involvedObject.name=web,reason=FailedCreate' });
    expect(ev.items[0]).toMatchObject({ type: 'Warning', source: { component: 'replicaset-controller' } });
    expect(ev.items[0].message).toMatch(/^Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: two-pods, requested: pods=1, used: pods=2, limited: pods=2$/);
  });
});
