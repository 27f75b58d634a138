/**
 * The console API for clusters and nodes, against real parts: the store,
 * route handlers, and the simulated cluster over HTTP (a real Node server on
 * 127.0.0.1). A "real" cluster here is registered by a kubeconfig that
 * points at that same simulated cluster with a Pier token, so registration,
 * connection tests and node reads go the kubeconfig driver's whole way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, clusters } from '@/db/schema';
import * as list from '@/app/api/pier/clusters/route';
import * as one from '@/app/api/pier/clusters/[name]/route';
import * as connection from '@/app/api/pier/clusters/[name]/connection/route';
import * as nodes from '@/app/api/pier/clusters/[name]/nodes/route';
import * as node from '@/app/api/pier/clusters/[name]/nodes/[node]/route';
import * as readiness from '@/app/api/pier/clusters/[name]/nodes/[node]/readiness/route';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { clientsByName, createObject } from '@/lib/cluster/adapter';
import { stopCaches } from '@/lib/cluster/adapter/cache';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';

const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer;

beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'ops', 'dev', 'guest', 'oadmin'] as UserName[]) tokens[who] = await tokenFor(w, who);
});

afterAll(async () => {
  stopCaches();
  await server?.close();
});

function kubeconfig(o: { token?: string; server?: string; user?: object; extra?: object } = {}) {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'ctx',
    clusters: [{ name: 'c', cluster: { server: o.server ?? `${server.url}/k8s/local`, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'u', user: o.user ?? { token: o.token ?? tokens.admin } }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    ...o.extra,
  });
}

const as = (who: UserName) => tokens[who];
const reg = (who: UserName, json: object) => call(list.POST, request('/api/pier/clusters', { token: as(who), json }));
const get = (who: UserName, name: string) => call(one.GET, request(`/api/pier/clusters/${name}`, { token: as(who) }), { name });
const patch = (who: UserName, name: string, json: object) => call(one.PATCH, request(`/api/pier/clusters/${name}`, { token: as(who), method: 'PATCH', json }), { name });
const del = (who: UserName, name: string) => call(one.DELETE, request(`/api/pier/clusters/${name}`, { token: as(who), method: 'DELETE' }), { name });
const names = async (who: UserName) => (await body(await call(list.GET, request('/api/pier/clusters', { token: as(who) })))).items.map((c: { name: string }) => c.name);
const clusterCount = async () => Number((await w.db.select({ n: count() }).from(clusters))[0].n);

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition never held');
}

describe('registering a cluster by kubeconfig', () => {
  it('stores it sealed, answers without credentials, records an audit row without secrets', async () => {
    const res = await reg('admin', { name: 'prod-a', type: 'EOS', kubeconfig: kubeconfig(), labels: { env: 'prod' } });
    expect(res.status).toBe(201);
    const view = await body(res);
    expect(view).toMatchObject({ name: 'prod-a', type: 'EOS', driver: 'kubeconfig', server: `${server.url}/k8s/local`, departmentId: null, labels: { env: 'prod' }, manageable: true });
    expect(JSON.stringify(view)).not.toContain(tokens.admin);
    const [row] = await w.db.select().from(clusters).where(eq(clusters.name, 'prod-a'));
    expect(row.kubeconfigEncrypted).toMatch(/^v1:/);
    expect(row.kubeconfigEncrypted).not.toContain(tokens.admin);
    const audits = await w.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'cluster'), eq(auditLog.resourceId, row.id)));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).not.toContain(tokens.admin);
    expect(audits[0].after).toMatchObject({ name: 'prod-a', server: `${server.url}/k8s/local` });
  });

  it('tests the connection through the adapter: version and node count', async () => {
    const res = await call(connection.GET, request('/api/pier/clusters/prod-a/connection', { token: as('admin') }), { name: 'prod-a' });
    expect(await body(res)).toEqual({ ok: true, gitVersion: expect.stringMatching(/^v1\./), platform: expect.any(String), nodeCount: 5 });
    const local = await body(await call(connection.GET, request('/api/pier/clusters/local/connection', { token: as('admin') }), { name: 'local' }));
    expect(local).toMatchObject({ ok: true, nodeCount: 5 });
  });

  it('a failing connection is an answer with the reason, not an error', async () => {
    expect((await reg('admin', { name: 'down', type: 'EKS', kubeconfig: kubeconfig({ server: 'http://127.0.0.1:1' }) })).status).toBe(201);
    const down = await body(await call(connection.GET, request('/api/pier/clusters/down/connection', { token: as('admin') }), { name: 'down' }));
    expect(down).toMatchObject({ ok: false, error: { reason: 'cluster_unavailable', message: expect.stringMatching(/ECONNREFUSED/) } });
    expect((await reg('admin', { name: 'badtoken', type: 'EKS', kubeconfig: kubeconfig({ token: 'nope' }) })).status).toBe(201);
    const refused = await body(await call(connection.GET, request('/api/pier/clusters/badtoken/connection', { token: as('admin') }), { name: 'badtoken' }));
    expect(refused).toMatchObject({ ok: false, error: { reason: 'cluster_credentials_refused' } });
  });

  // Built at collection time, before the server exists: a fixed address and token.
  const fixed = (o: Parameters<typeof kubeconfig>[0] = {}) => kubeconfig({ server: 'https://192.0.2.1:6443', token: 't', ...o });
  const refusals: [string, string, RegExp][] = [
    ['bad YAML', 'clusters: [unclosed', /not valid YAML/],
    ['not a mapping', '- a\n- b', /not a kubeconfig/],
    ['no current context', fixed({ extra: { 'current-context': '' } }), /no current-context/],
    ['context missing', fixed({ extra: { 'current-context': 'other' } }), /context "other" named by the current context is missing/],
    ['cluster missing', fixed({ extra: { clusters: [] } }), /cluster "c" named by the current context is missing/],
    ['user missing', fixed({ extra: { users: [{ name: 'x', user: { token: 't' } }] } }), /user "u" named by the current context is missing/],
    ['exec plugin', fixed({ user: { exec: { command: 'aws' } } }), /exec credential plugins are not supported/],
    ['auth provider', fixed({ user: { 'auth-provider': { name: 'gcp' } } }), /auth-provider plugins are not supported/],
    ['token file', fixed({ user: { tokenFile: '/etc/token' } }), /tokenFile points to a file/],
    ['client cert file', fixed({ user: { 'client-certificate': '/c.pem', 'client-key': '/k.pem' } }), /client-certificate points to a file/],
    ['no credentials', fixed({ user: {} }), /has no credentials/],
    ['cert without key', fixed({ user: { 'client-certificate-data': 'AAAA' } }), /needs client-key-data/],
    ['plain http without the flag', fixed({ extra: { clusters: [{ name: 'c', cluster: { server: 'http://10.0.0.1:6443' } }] } }), /plain http/],
    ['server not a URL', fixed({ extra: { clusters: [{ name: 'c', cluster: { server: 'not a url' } }] } }), /is not a URL/],
    ['wrong kind', fixed({ extra: { kind: 'Pod' } }), /kind is "Pod"/],
  ];

  it.each(refusals)('refuses %s with the reason on the kubeconfig field, storing nothing', async (_label, text, reason) => {
    const before = await clusterCount();
    const res = await reg('admin', { name: 'broken', type: 'EKS', kubeconfig: text });
    expect(res.status).toBe(400);
    const err = (await body(res)).error;
    expect(err.reason).toBe('invalid');
    expect(err.fields.kubeconfig).toMatch(reason);
    expect(await clusterCount()).toBe(before);
  });

  it.each([
    ['name with capitals', { name: 'Prod' }, 'name'],
    ['name too long', { name: 'a'.repeat(64) }, 'name'],
    ['empty name', { name: '' }, 'name'],
    ['unknown type', { type: 'GKE' }, 'type'],
    ['empty kubeconfig', { kubeconfig: '' }, 'kubeconfig'],
    ['kubeconfig over 256 KiB', { kubeconfig: 'x'.repeat(256 * 1024 + 1) }, 'kubeconfig'],
    ['label key with a space', { labels: { 'bad key': 'v' } }, 'labels.bad key'],
    ['label value too long', { labels: { k: 'v'.repeat(64) } }, 'labels.k'],
    ['label value with a slash', { labels: { k: 'a/b' } }, 'labels.k'],
    ['department not an id', { departmentId: 'demo' }, 'departmentId'],
    ['unknown field', { owner: 'me' }, ''],
  ])('400 for %s, naming the field', async (_label, change, field) => {
    const before = await clusterCount();
    const res = await reg('admin', { name: 'ok-name', type: 'EKS', kubeconfig: kubeconfig(), ...change });
    expect(res.status).toBe(400);
    const err = (await body(res)).error;
    if (field) expect(Object.keys(err.fields)).toContain(field);
    expect(await clusterCount()).toBe(before);
  });

  it('a duplicate name is refused on the name field', async () => {
    const res = await reg('admin', { name: 'prod-a', type: 'EKS', kubeconfig: kubeconfig() });
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields.name).toMatch(/already exists/);
  });
});

describe('who may see and manage clusters', () => {
  it('department admins register for their own department only; others may not register', async () => {
    expect((await reg('ops', { name: 'demo-c', type: 'EKS', kubeconfig: kubeconfig(), departmentId: w.departments.demo.id })).status).toBe(201);
    expect((await reg('ops', { name: 'x1', type: 'EKS', kubeconfig: kubeconfig() })).status).toBe(403);
    expect((await reg('ops', { name: 'x2', type: 'EKS', kubeconfig: kubeconfig(), departmentId: w.departments.other.id })).status).toBe(403);
    expect((await reg('dev', { name: 'x3', type: 'EKS', kubeconfig: kubeconfig(), departmentId: w.departments.demo.id })).status).toBe(403);
    expect((await reg('admin', { name: 'x4', type: 'EKS', kubeconfig: kubeconfig(), departmentId: '0'.repeat(32) })).status).toBe(400);
  });

  it('a department\'s cluster is a 404 to other departments; shared ones are visible to all', async () => {
    expect(await names('admin')).toEqual(expect.arrayContaining(['local', 'prod-a', 'demo-c']));
    expect(await names('ops')).toEqual(expect.arrayContaining(['local', 'prod-a', 'demo-c']));
    expect(await names('dev')).toContain('demo-c');
    expect(await names('oadmin')).not.toContain('demo-c');
    expect(await names('oadmin')).toContain('local');
    expect((await get('oadmin', 'demo-c')).status).toBe(404);
    expect((await patch('oadmin', 'demo-c', { labels: {} })).status).toBe(404);
    expect((await del('oadmin', 'demo-c')).status).toBe(404);
    const seen = await body(await get('dev', 'demo-c'));
    expect(seen).toMatchObject({ departmentName: 'Demo', manageable: false });
  });

  it('edits labels and type; only system admins move a cluster between departments', async () => {
    const res = await patch('ops', 'demo-c', { labels: { team: 'web' }, type: 'EHOS' });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ labels: { team: 'web' }, type: 'EHOS' });
    expect((await patch('ops', 'demo-c', { departmentId: null })).status).toBe(403);
    expect((await patch('ops', 'prod-a', { labels: {} })).status).toBe(403);
    expect((await patch('dev', 'demo-c', { labels: {} })).status).toBe(403);
    expect((await patch('ops', 'demo-c', { labels: { 'a b': 'x' } })).status).toBe(400);
    const moved = await patch('admin', 'demo-c', { departmentId: w.departments.other.id });
    expect(await body(moved)).toMatchObject({ departmentName: 'Other' });
    expect((await get('ops', 'demo-c')).status).toBe(404);
    expect((await get('oadmin', 'demo-c')).status).toBe(200);
  });

  it('removes a registered cluster (audited, no secrets); the simulated local cluster stays', async () => {
    expect((await del('ops', 'local')).status).toBe(403);
    const local = await del('admin', 'local');
    expect(local.status).toBe(409);
    expect((await body(local)).error.message).toMatch(/simulated/);
    expect((await del('oadmin', 'demo-c')).status).toBe(204);
    expect((await get('admin', 'demo-c')).status).toBe(404);
    const [a] = await w.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'cluster'), eq(auditLog.action, 'delete')));
    expect(a.resourceName).toBe('demo-c');
    expect(JSON.stringify(a)).not.toMatch(/token|v1:/);
  });
});

describe('nodes', () => {
  it('lists the nodes with status, roles, capacity and what their pods request', async () => {
    const c = await clientsByName(w.db, 'local');
    await createObject(c, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'heavy', namespace: 'alpha' },
      spec: { nodeName: 'worker-1', containers: [{ name: 'a', image: 'nginx:alpine', resources: { requests: { cpu: '500m', memory: '256Mi' } } }, { name: 'b', image: 'redis', resources: { requests: { cpu: '250m' } } }] },
    });
    const read = async () => (await body(await call(nodes.GET, request('/api/pier/clusters/local/nodes', { token: as('ops') }), { name: 'local' }))).items;
    await eventually(async () => (await read()).find((n: { name: string }) => n.name === 'worker-1')?.podCount >= 1);
    const items = await read();
    expect(items.map((n: { name: string }) => n.name)).toEqual(['edge-a-1', 'edge-a-2', 'worker-1', 'worker-2', 'worker-3']);
    const w1 = items.find((n: { name: string }) => n.name === 'worker-1');
    expect(w1).toMatchObject({ ready: 'True', roles: ['worker'], version: 'v1.30.0', capacity: { cpu: 4, memory: 8 * 2 ** 30, pods: 110 } });
    expect(w1.requested.cpu).toBeCloseTo(0.75);
    expect(w1.requested.memory).toBe(256 * 2 ** 20);
    const edge = items.find((n: { name: string }) => n.name === 'edge-a-1');
    expect(edge.taints).toEqual([{ key: 'node-role.kubernetes.io/edge', effect: 'NoSchedule' }]);
    expect(edge.labels['pier.io/node-group']).toBe('edge-a');
  });

  it('a node\'s detail: conditions, addresses, its pods (as far as the caller may see them)', async () => {
    const detail = async (who: UserName) => body(await call(node.GET, request('/api/pier/clusters/local/nodes/worker-1', { token: as(who) }), { name: 'local', node: 'worker-1' }));
    const d = await detail('admin');
    expect(d.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'True' });
    expect(d.addresses).toEqual([{ type: 'Hostname', address: 'worker-1' }]);
    expect(d.pods).toEqual([expect.objectContaining({ namespace: 'alpha', name: 'heavy', ready: expect.stringMatching(/\/2$/) })]);
    expect(d.podsComplete).toBe(true);
    expect(Array.isArray(d.events)).toBe(true);
    const other = await detail('oadmin');
    expect(other.pods).toEqual([]);
    expect(other.podsComplete).toBe(false);
    expect(other.podCount).toBeGreaterThanOrEqual(1);
    const missing = await call(node.GET, request('/api/pier/clusters/local/nodes/nope', { token: as('admin') }), { name: 'local', node: 'nope' });
    expect(missing.status).toBe(404);
  });

  it('marks a simulated node NotReady and Ready again, through the cluster API, audited', async () => {
    const mark = (who: UserName, ready: unknown, cluster = 'local', n = 'worker-2') =>
      call(readiness.POST, request(`/api/pier/clusters/${cluster}/nodes/${n}/readiness`, { token: as(who), json: { ready } }), { name: cluster, node: n });
    expect((await mark('dev', false)).status).toBe(403);
    expect((await mark('ops', false)).status).toBe(403);
    expect((await mark('admin', 'no')).status).toBe(400);
    expect((await mark('admin', false, 'prod-a')).status).toBe(409);
    const res = await mark('admin', false);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ name: 'worker-2', ready: 'False' });
    const state = async () => (await body(await call(nodes.GET, request('/api/pier/clusters/local/nodes', { token: as('admin') }), { name: 'local' }))).items.find((n: { name: string }) => n.name === 'worker-2').ready;
    await eventually(async () => (await state()) === 'False');
    const [a] = await w.db.select().from(auditLog).where(eq(auditLog.action, 'node_not_ready'));
    expect(a).toMatchObject({ resourceName: 'worker-2', before: { ready: 'True' }, after: { ready: 'False' } });
    expect((await mark('admin', true)).status).toBe(200);
    await eventually(async () => (await state()) === 'True');
  });
});
