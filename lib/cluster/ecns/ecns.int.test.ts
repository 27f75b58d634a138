import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import * as nodesRoute from '@/app/api/ecns/[productType]/cluster/nodes/route';
import * as rolesRoute from '@/app/api/ecns/[productType]/cluster/nodesrole/route';
import * as versionsRoute from '@/app/api/ecns/[productType]/container_infra/k8sversions/route';
import * as capsRoute from '@/app/api/ecns/[productType]/applications/kernel-capabilities/[set]/route';
import * as resourcesRoute from '@/app/api/ecns/[productType]/resources/[type]/[name]/route';
import * as applicationsRoute from '@/app/api/ecns/[productType]/applications/route';
import * as switchRoute from '@/app/api/ecns/[productType]/namespace/[projectId]/cluster/[clusterName]/ns/[namespace]/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { clusters } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { createWorkspace } from '@/lib/images/workspaces';
import { call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { ALL_CAPABILITIES, DEFAULT_CAPABILITIES } from './capabilities';

/** The ECNS cluster-layer endpoints through their route handlers, against the simulated cluster `local`, reached through the adapter over real HTTP. */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const h = (f: unknown) => f as Handler;

async function ecns(handler: Handler, path: string, params: Record<string, string> = {}, o: RequestOptions & { as?: UserName | null; pt?: string } = {}) {
  const { as = 'dev', pt = 'eks', ...rest } = o;
  const res = await call(handler, request(`/api/ecns/${pt}/${path}`, { ...rest, ...(as ? { token: tokens[as] } : {}) }), { productType: pt, ...params });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function k8s(path: string, o: RequestOptions = {}) {
  const method = (o.method ?? (o.json !== undefined || o.body !== undefined ? 'POST' : 'GET')) as 'GET' | 'POST' | 'PATCH';
  const segments = new URL(path, 'http://x').pathname.split('/').filter(Boolean);
  return call(k8sRoute[method], request(`/k8s/local/${path}`, { ...o, method, headers: { ...o.headers, authorization: `Bearer ${tokens.admin}` } }),
    { cluster: 'local', path: segments });
}

let server: SimServer | undefined;
afterAll(async () => {
  await server?.close();
});

beforeAll(async () => {
  // Pier reaches its simulated clusters over real HTTP, through the adapter, as in production.
  server = await startSimServer();
  for (const who of ['admin', 'ops', 'dev', 'guest', 'oadmin', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
  // Roles ECNS filters by: a hybrid-orchestration worker, a secure-container worker, a control-plane node.
  const label = (node: string, labels: Record<string, string>) => k8s(`api/v1/nodes/${node}`, {
    method: 'PATCH', body: JSON.stringify({ metadata: { labels } }), headers: { 'content-type': 'application/merge-patch+json' },
  });
  expect((await label('worker-2', { 'node-role.kubernetes.io/hybrid-orchestration': '' })).status).toBe(200);
  expect((await label('worker-3', { 'node-role.kubernetes.io/secure-container': '' })).status).toBe(200);
  expect((await k8s('api/v1/nodes', { json: { metadata: { name: 'cp-1', labels: { 'node-role.kubernetes.io/control-plane': '' } } } })).status).toBe(201);
  expect((await k8s('api/v1/namespaces/alpha/configmaps', { json: { metadata: { name: 'settings' }, data: {} } })).status).toBe(201);
});

const names = (r: { body: { nodes_status: Array<{ name: string }> } }) => r.body.nodes_status.map((n) => n.name).sort();

describe('GET /cluster/nodes/', () => {
  it('lists the current cluster\'s nodes as node_status, for any user of the cluster', async () => {
    const res = await ecns(h(nodesRoute.GET), 'cluster/nodes/');
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['cp-1', 'edge-a-1', 'edge-a-2', 'worker-1', 'worker-2', 'worker-3']);
    expect(res.body.nodes_status.find((n: { name: string }) => n.name === 'worker-1')).toEqual({
      name: 'worker-1', addresses: [{ address: 'worker-1', type: 'Hostname' }],
      allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' },
      phase: 'Ready',
    });
    // A node created without status has no Ready condition.
    expect(res.body.nodes_status.find((n: { name: string }) => n.name === 'cp-1').phase).toBe('NotReady');
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/', {}, { as: 'odev' })).status).toBe(200);
  });

  it('apiserver_host names the cluster by address; unknown or another department\'s address is a 404', async () => {
    expect(names(await ecns(h(nodesRoute.GET), 'cluster/nodes/?apiserver_host=%2Fk8s%2Flocal'))).toHaveLength(6);
    // A simulated cluster's address is Pier-relative: any host in front of it names the same cluster.
    expect(names(await ecns(h(nodesRoute.GET), 'cluster/nodes/?apiserver_host=https%3A%2F%2Fpier.example%3A3000%2Fk8s%2Flocal%2F'))).toHaveLength(6);
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/?apiserver_host=https%3A%2F%2Fpier.example%2Fk8s%2Fnope')).status).toBe(404);
    const none = await ecns(h(nodesRoute.GET), 'cluster/nodes/?apiserver_host=https%3A%2F%2F10.0.0.1%3A6443');
    expect(none.status).toBe(404);
    expect(none.body.error).toMatchObject({ code: 404, title: 'Not Found' });
    await w.db.insert(clusters).values({ id: newId(), name: 'other-sim', type: 'EKS', driver: 'simulated', server: '/k8s/other-sim', departmentId: w.departments.other.id });
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/?apiserver_host=%2Fk8s%2Fother-sim')).status).toBe(404);
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/?apiserver_host=%2Fk8s%2Fother-sim', {}, { as: 'odev' })).status).toBe(200);
  });

  it('btype (or business_type) filters by node role', async () => {
    const by = async (q: string) => names(await ecns(h(nodesRoute.GET), `cluster/nodes/?${q}`));
    expect(await by('btype=Controller')).toEqual(['cp-1']);
    expect(await by('btype=User')).toEqual(['edge-a-1', 'edge-a-2', 'worker-1', 'worker-2', 'worker-3']);
    expect(await by('btype=HybridOrchestration')).toEqual(['worker-2']);
    expect(await by('business_type=SecurityContainer')).toEqual(['worker-3']);
    expect(await by('btype=Normal')).toEqual(['edge-a-1', 'edge-a-2', 'worker-1']);
  });

  it('400 naming the parameter for a bad btype, two different filters, or an unknown parameter; 404 for another product type', async () => {
    const bad = await ecns(h(nodesRoute.GET), 'cluster/nodes/?btype=GPU');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('btype:');
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/?btype=User&business_type=Normal')).body.error.message).toContain('btype:');
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/?host=x')).body.error.message).toContain('host: unknown field');
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/?apiserver_host=')).body.error.message).toContain('apiserver_host:');
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/', {}, { pt: 'image' })).status).toBe(404);
    expect((await ecns(h(nodesRoute.GET), 'cluster/nodes/', {}, { as: null })).status).toBe(401);
  });
});

describe('GET /cluster/nodesrole/', () => {
  it('lists the nodes with the role', async () => {
    expect(names(await ecns(h(rolesRoute.GET), 'cluster/nodesrole/?node_role=hybrid-orchestration'))).toEqual(['worker-2']);
    expect(names(await ecns(h(rolesRoute.GET), 'cluster/nodesrole/?apiserver_host=%2Fk8s%2Flocal&node_role=secure-container'))).toEqual(['worker-3']);
  });

  it('node_role is required and one of the two roles', async () => {
    for (const q of ['', '?node_role=gpu']) {
      const res = await ecns(h(rolesRoute.GET), `cluster/nodesrole/${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('node_role:');
    }
    expect((await ecns(h(rolesRoute.GET), 'cluster/nodesrole/?node_role=secure-container', {}, { pt: 'ehos' })).status).toBe(404);
  });
});

describe('GET /container_infra/k8sversions/ and kernel capabilities', () => {
  it('k8s versions in the seed\'s shape', async () => {
    const res = await ecns(h(versionsRoute.GET), 'container_infra/k8sversions/', {}, { pt: 'hybrid' });
    expect(res.status).toBe(200);
    expect(res.body.versions).toEqual([{ k8s_version: 'v1.30.0', runtime_version: [{ container_runtime: 'containerd', available: true }, { container_runtime: 'docker', available: false }] }]);
    expect((await ecns(h(versionsRoute.GET), 'container_infra/k8sversions/', {}, { pt: 'eos' })).status).toBe(404);
  });

  it('default is the container runtime\'s set, all every Linux capability; eks only', async () => {
    const def = await ecns(h(capsRoute.GET), 'applications/kernel-capabilities/default', { set: 'default' });
    expect(def.body.capabilities).toEqual([...DEFAULT_CAPABILITIES]);
    expect(def.body.capabilities).toContain('CAP_CHOWN');
    const all = await ecns(h(capsRoute.GET), 'applications/kernel-capabilities/all', { set: 'all' });
    expect(all.body.capabilities).toHaveLength(41);
    expect(all.body.capabilities).toContain('CAP_AUDIT_READ');
    expect(DEFAULT_CAPABILITIES.every((c) => (ALL_CAPABILITIES as readonly string[]).includes(c))).toBe(true);
    expect((await ecns(h(capsRoute.GET), 'applications/kernel-capabilities/all', { set: 'all' }, { pt: 'hybrid' })).status).toBe(404);
    expect((await ecns(h(capsRoute.GET), 'applications/kernel-capabilities/some', { set: 'some' })).status).toBe(404);
  });
});

describe('GET /resources/<type>/<name>/', () => {
  const exists = (type: string, name: string, q = '', as: UserName = 'dev') =>
    ecns(h(resourcesRoute.GET), `resources/${type}/${name}/${q}`, { type, name }, { as });

  it('Namespace: any name the cluster holds is taken, whoever owns it', async () => {
    expect((await exists('Namespace', 'beta')).body).toEqual({ existence: true });
    expect((await exists('Namespace', 'kube-system')).body).toEqual({ existence: true });
    expect((await exists('Namespace', 'free-name', '?cluster_type=EKS&cluster_name=local')).body).toEqual({ existence: false });
  });

  it('Kubernetes kinds are looked up in the current namespace, which must have been switched to', async () => {
    const before = await exists('Configmap', 'settings');
    expect(before.status).toBe(400);
    expect(before.body.error.message).toContain('cluster_name:');
    const sw = await ecns(h(switchRoute.GET), `namespace/${w.projects.alpha.id}/cluster/local/ns/alpha/`,
      { projectId: w.projects.alpha.id, clusterName: 'local', namespace: 'alpha' });
    expect(sw.status).toBe(200);
    expect((await exists('Configmap', 'settings')).body).toEqual({ existence: true });
    expect((await exists('Deployment', 'settings')).body).toEqual({ existence: false });
    expect((await exists('Secret', 'nothing-here')).body).toEqual({ existence: false });
  });

  it('Application: the current namespace\'s applications; a name only a workload label carries is free', async () => {
    // The namespace was switched to alpha by the test above (the session's current namespace).
    expect((await exists('Application', 'shop')).body).toEqual({ existence: false });
    const made = await ecns(h(applicationsRoute.POST), 'applications/', {}, { json: { name: 'shop', description: 'the shop' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await exists('Application', 'shop')).body).toEqual({ existence: true });
    // The same name in another namespace of the cluster is not this one's: beta holds no application.
    expect((await exists('Application', 'shop', '', 'ops')).status).toBe(400);
    const swOps = await ecns(h(switchRoute.GET), `namespace/${w.projects.beta.id}/cluster/local/ns/beta/`,
      { projectId: w.projects.beta.id, clusterName: 'local', namespace: 'beta' }, { as: 'ops' });
    expect(swOps.status).toBe(200);
    expect((await exists('Application', 'shop', '', 'ops')).body).toEqual({ existence: false });
    // A Deployment labelled with an application that has no row does not take the name.
    const labelled = await k8s('apis/apps/v1/namespaces/alpha/deployments', { json: {
      metadata: { name: 'orphan', labels: { 'pier.io/application': 'ghost' } },
      spec: { selector: { matchLabels: { app: 'orphan' } }, template: { metadata: { labels: { app: 'orphan' } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } },
    } });
    expect(labelled.status).toBe(201);
    expect((await exists('Application', 'ghost')).body).toEqual({ existence: false });
  });

  it('HarborProject checks image workspaces; VirtualMachine is 501', async () => {
    await createWorkspace(w.ctx('dev', { source: 'ecns' }), { name: 'taken-ws', public: false });
    expect((await exists('HarborProject', 'taken-ws', '', 'odev')).body).toEqual({ existence: true });
    expect((await exists('HarborProject', 'free-ws')).body).toEqual({ existence: false });
    const vm = await exists('VirtualMachine', 'web');
    expect(vm.status).toBe(501);
    expect(vm.body.error).toMatchObject({ code: 501, title: 'Not Implemented' });
  });

  it('400 naming the field: unknown type, name too long, wrong cluster type, unknown parameter; 404 for an unknown cluster', async () => {
    expect((await exists('Widget', 'x')).body.error.message).toContain('type:');
    expect((await exists('Namespace', 'a'.repeat(254))).body.error.message).toContain('name:');
    expect((await exists('Namespace', 'x', '?cluster_type=EOS&cluster_name=local')).body.error.message).toContain('cluster_type:');
    expect((await exists('Namespace', 'x', '?cluster_type=K8S')).body.error.message).toContain('cluster_type:');
    expect((await exists('Namespace', 'x', '?namespace=alpha')).body.error.message).toContain('namespace: unknown field');
    expect((await exists('Namespace', 'x', '?cluster_name=other-sim')).status).toBe(404);
    expect((await ecns(h(resourcesRoute.GET), 'resources/Namespace/x/', { type: 'Namespace', name: 'x' }, { pt: 'image' })).status).toBe(404);
  });
});
