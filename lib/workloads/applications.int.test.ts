import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, clusters, ecnsApplications } from '@/db/schema';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { ClusterManager, defaultControllers } from '@/lib/cluster/sim/controllers';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { LOCAL_CLUSTER } from '@/lib/cluster/sim/seed';
import * as switchRoute from '@/app/api/ecns/[productType]/namespace/[projectId]/cluster/[clusterName]/ns/[namespace]/route';
import * as workloadsRoute from '@/app/api/ecns/[productType]/workloads/route';
import * as root from '@/app/api/ecns/[productType]/applications/route';
import * as one from '@/app/api/ecns/[productType]/applications/[name]/route';
import * as batch from '@/app/api/ecns/[productType]/applications/app/route';
import * as detailRoute from '@/app/api/ecns/[productType]/applications/app/[name]/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { fixedClock } from '@/lib/testing/clock';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';

/**
 * The ECNS application endpoints (1.2) through their route handlers, against
 * the simulated cluster `local` over real HTTP with its controllers on a
 * test clock. Cluster state is checked through the cluster's own API, rows
 * in the store.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer | undefined;
let manager: ClusterManager | undefined;
const clock = fixedClock();

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Opts = RequestOptions & { as?: UserName; pt?: string; query?: Record<string, string> };

async function ecns(handler: unknown, path: string, params: Record<string, string>, o: Opts = {}) {
  const { as = 'dev', pt = 'eks', query, ...rest } = o;
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  const res = await call(handler as Handler, request(`/api/ecns/${pt}/${path}${qs}`, { ...rest, token: tokens[as] }), { productType: pt, ...params });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function k8s(path: string) {
  const segments = path.split('/').filter(Boolean);
  const res = await call(k8sRoute.GET, request(`/k8s/local/${path}`, { token: tokens.admin }), { cluster: 'local', path: segments });
  return { status: res.status, body: await body(res) };
}
const deployment = (name: string) => k8s(`apis/apps/v1/namespaces/alpha/deployments/${name}`);
const service = (name: string) => k8s(`api/v1/namespaces/alpha/services/${name}`);
const claims = async () => ((await k8s('api/v1/namespaces/alpha/persistentvolumeclaims')).body.items as Array<{ metadata: { name: string } }>).map((c) => c.metadata.name);
const rows = async () => (await w.db.select().from(ecnsApplications)).map((r) => r.name).sort();
const settle = (ms = 30_000) => runFor(manager!, clock, ms);

const web = (name: string, over: Record<string, unknown> = {}) => ({
  workload_base: { name, type: 'Deployment', replicas: 1 },
  containers: [{ name: 'nginx', type: 'worker', image: { image: 'nginx', image_version: 'alpine' } }],
  access_mode: [{ type: 'ClusterIP', access: [{ port: 80, target_port: 80, protocol: 'TCP' }] }],
  ...over,
});
const create = (json: unknown, o: Opts = {}) => ecns(root.POST, 'applications/', {}, { json, ...o });
const detail = (name: string, o: Opts = {}) => ecns(detailRoute.GET, `applications/app/${name}/`, { name }, o);
const act = (action: string, names: string[], o: Opts = {}) =>
  ecns(batch.PUT, 'applications/app/', {}, { method: 'PUT', query: { action }, json: { applications: names.map((name) => ({ name })) }, ...o });
const remove = (names: string[], resource?: string, o: Opts = {}) =>
  ecns(batch.DELETE, 'applications/app/', {}, { method: 'DELETE', ...(resource !== undefined ? { query: { resource } } : {}), json: { applications: names.map((name) => ({ name })) }, ...o });

beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'dev', 'guest', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
  for (const who of ['dev', 'guest'] as UserName[]) {
    const r = await ecns(switchRoute.GET, `namespace/${w.projects.alpha.id}/cluster/local/ns/alpha/`, { projectId: w.projects.alpha.id, clusterName: 'local', namespace: 'alpha' }, { as: who });
    expect(r.status).toBe(200);
  }
  const [local] = await w.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, LOCAL_CLUSTER));
  manager = new ClusterManager({ sim: { db: w.db, clock, clusterId: local.id }, controllers: defaultControllers(), log: () => undefined });
}, 180_000);

afterAll(async () => {
  await manager?.stop();
  await server?.close();
});

describe('POST /applications/', () => {
  it('creates the application with its workloads, labelled; the answer is application_info; audited', async () => {
    const r = await create({ name: 'shop', description: 'the shop', workloads: [web('shop-api'), web('shop-web', { application_name: 'shop' })] });
    expect(r.status).toBe(201);
    expect(r.body.application_info.application).toEqual({ name: 'shop', description: 'the shop', type: 'Normal' });
    expect(r.body.application_info.workloads_status.map((s: { workload_base: { name: string } }) => s.workload_base.name)).toEqual(['shop-api', 'shop-web']);
    expect(r.body.application_info.workloads_status[0].owner).toBe('shop');
    expect(Date.parse(r.body.application_info.application_status.creation_time)).toBeGreaterThan(0);
    expect((await deployment('shop-api')).body.metadata.labels['pier.io/application']).toBe('shop');
    const audit = await w.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'application'), eq(auditLog.action, 'create')));
    expect(audit.map((a) => a.resourceId)).toEqual(['local/alpha/shop']);
  });

  it('the {"application": {...}} form too; without workloads the status is "No workload"', async () => {
    const r = await create({ application: { name: 'empty' } });
    expect(r.status).toBe(201);
    expect(r.body.application_info.application_status.status).toBe('No workload');
    expect(r.body.application_info.workloads_status).toEqual([]);
  });

  it('a taken name is a 409 and changes nothing', async () => {
    const r = await create({ name: 'shop', description: 'again', workloads: [web('other-api')] });
    expect(r.status).toBe(409);
    expect((await deployment('other-api')).status).toBe(404);
    expect((await detail('shop')).body.application_info.application.description).toBe('the shop');
  });

  it('each seed rule names its field, and nothing is created', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ name: 'Bad_Name' }, /^name: lowercase/],
      [{ name: 'x'.repeat(64) }, /^name: at most 63/],
      [{ name: 'app' }, /^name: reserved/],
      [{ name: 'h1', type: 'Hybrid' }, /vm_network: required for a Hybrid application/],
      [{ name: 'h2', type: 'Hybrid', vm_network: { id: 'n' } }, /type: Hybrid applications/],
      [{ name: 'h3', type: 'Cloud' }, /type: one of Normal, Hybrid/],
      [{ name: 'v1', virtual_machines: [{ name: 'vm' }] }, /virtual_machines: only for a Hybrid application/],
      [{ name: 'c1', configmaps: [{ name: 'c' }] }, /configmaps: only for a Hybrid application/],
      [{ name: 'm1', workloads: [web('m1-api', { application_name: 'other' })] }, /workloads\.0\.application_name: "other" is not the application "m1"/],
      [{ name: 'm2', workloads: [web('m2-api', { workload_base: { name: 'm2-api', type: 'DaemonSet', replicas: 2 } })] }, /workloads\.0\.workload_base\.replicas: not for a DaemonSet/],
      [{ name: 'm3', workloads: [web('m3-api'), web('m3-api')] }, /workloads\.1\.workload_base\.name: Deployment\/m3-api twice/],
      [{ name: 'm4', colour: 'red' }, /colour: unknown field/],
      [{ description: 'no name' }, /name/],
    ];
    for (const [json, msg] of cases) {
      const r = await create(json);
      expect(r.status, JSON.stringify(json)).toBe(400);
      expect(r.body.error.message, JSON.stringify(json)).toMatch(msg);
    }
    expect(await rows()).toEqual(['empty', 'shop']);
    expect((await deployment('m1-api')).status).toBe(404);
  });

  it('workloads the cluster refuses (a name taken by another workload): the application is removed again', async () => {
    const r = await create({ name: 'clash', workloads: [web('clash-new'), web('shop-api')] });
    expect(r.status).toBe(409);
    expect(await rows()).toEqual(['empty', 'shop']);
    expect((await deployment('clash-new')).status).toBe(404);
    expect((await detail('clash')).status).toBe(404);
  });

  it('product types and roles: security is not an application product type; a visitor may not create', async () => {
    expect((await create({ name: 'sec' }, { pt: 'security' })).status).toBe(404);
    expect((await create({ name: 'by-guest' }, { as: 'guest' })).status).toBe(403);
    expect(await rows()).toEqual(['empty', 'shop']);
  });
});

describe('GET /applications/, detail, edit', () => {
  it('lists Normal applications by name, paged, with their status', async () => {
    await settle();
    const r = await ecns(root.GET, 'applications/', {});
    expect(r.status).toBe(200);
    expect(r.body.applications_info.map((a: { application: { name: string } }) => a.application.name)).toEqual(['empty', 'shop']);
    expect(r.body.applications_info[1].application_status.status).toBe('Running');
    expect(r.body.total).toBe(2);
    const page2 = await ecns(root.GET, 'applications/', {}, { query: { page: '2', page_size: '1' } });
    expect(page2.body.applications_info.map((a: { application: { name: string } }) => a.application.name)).toEqual(['shop']);
    expect((await ecns(root.GET, 'applications/', {}, { query: { type: 'Hybrid' } })).body.applications_info).toEqual([]);
    const bad = await ecns(root.GET, 'applications/', {}, { query: { page_size: '501' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^page_size: at most 500/);
  });

  it('detail: application, application_status, workloads_status; a visitor reads it; unknown is 404', async () => {
    const r = await detail('shop', { as: 'guest' });
    expect(r.status).toBe(200);
    expect(r.body.application_info.application_status.status).toBe('Running');
    const s = r.body.application_info.workloads_status[0];
    expect(s).toMatchObject({ owner: 'shop', status: 'Running', images: ['nginx:alpine'], ready_replicas: 1, unavailable_replicas: 0 });
    expect(s.access_mode[0].type).toBe('ClusterIP');
    expect((await detail('nope')).status).toBe(404);
    expect((await detail('shop', { query: { type: 'Hybrid' } })).status).toBe(404);
  });

  it('edit description; the body\'s name must be the URL\'s; visitors may not', async () => {
    const edit = (name: string, json: unknown, o: Opts = {}) => ecns(one.PUT, `applications/${name}/`, { name }, { method: 'PUT', json, ...o });
    const r = await edit('shop', { name: 'shop', description: 'shop, v2' });
    expect(r.status).toBe(200);
    expect(r.body.application_info.application.description).toBe('shop, v2');
    const renamed = await edit('shop', { name: 'store', description: 'x' });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.message).toMatch(/^name: "store" is not "shop"/);
    expect((await edit('shop', { name: 'shop', description: 'y'.repeat(1025) })).status).toBe(400);
    expect((await edit('shop', { name: 'shop', description: 'g' }, { as: 'guest' })).status).toBe(403);
    expect((await edit('nope', { name: 'nope' })).status).toBe(404);
    expect((await detail('shop')).body.application_info.application.description).toBe('shop, v2');
  });
});

describe('PUT /applications/app/?action=', () => {
  it('start brings stopped workloads back: Stopped, then Running', async () => {
    const stop = await ecns(workloadsRoute.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'stop' }, json: { workloads_base: [{ name: 'shop-api', type: 'Deployment' }, { name: 'shop-web', type: 'Deployment' }] } });
    expect(stop.status).toBe(200);
    await settle();
    expect((await detail('shop')).body.application_info.application_status.status).toBe('Stopped');
    expect((await act('start', ['shop', 'empty'])).status).toBe(200);
    expect((await deployment('shop-api')).body.spec.replicas).toBe(1);
    await settle();
    expect((await detail('shop')).body.application_info.application_status.status).toBe('Running');
  });

  it('recreate stamps every workload\'s pod template', async () => {
    expect((await act('recreate', ['shop'])).status).toBe(200);
    expect((await deployment('shop-web')).body.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
  });

  it('an unknown action or application, an empty list: named, nothing done', async () => {
    const a = await act('stop', ['shop']);
    expect(a.status).toBe(400);
    expect(a.body.error.message).toMatch(/^action: one of start, recreate/);
    expect((await act('recreate', ['shop', 'nope'])).status).toBe(404);
    const e = await act('start', []);
    expect(e.status).toBe(400);
    expect(e.body.error.message).toMatch(/^applications: at least one/);
    expect((await act('start', ['shop'], { as: 'guest' })).status).toBe(403);
  });
});

describe('DELETE /applications/app/?resource=', () => {
  it('bad resource lists and unknown applications change nothing', async () => {
    const s = await remove(['shop'], 'service');
    expect(s.status).toBe(400);
    expect(s.body.error.message).toMatch(/^resource: service needs workload too/);
    const x = await remove(['shop'], 'workload,pods');
    expect(x.status).toBe(400);
    expect(x.body.error.message).toMatch(/^resource: "pods" is not one of/);
    expect((await remove(['shop', 'nope'], 'all')).status).toBe(404);
    expect((await remove(['shop'], 'all', { as: 'guest' })).status).toBe(403);
    expect(await rows()).toEqual(['empty', 'shop']);
    expect((await deployment('shop-api')).status).toBe(200);
  });

  it('no resource: the application goes, its workloads stay, detached', async () => {
    expect((await create({ name: 'keep', workloads: [web('keep-api')] })).status).toBe(201);
    expect((await remove(['keep'])).status).toBe(204);
    const d = (await deployment('keep-api')).body;
    expect(d.metadata.labels['pier.io/application']).toBeUndefined();
    expect(await rows()).not.toContain('keep');
  });

  it('workload: the workloads go, their Services stay; workload,service: both go', async () => {
    expect((await create({ name: 'wonly', workloads: [web('wonly-api')] })).status).toBe(201);
    expect((await remove(['wonly'], 'workload')).status).toBe(204);
    expect((await deployment('wonly-api')).status).toBe(404);
    expect((await service('wonly-api')).status).toBe(200);
    expect((await remove(['shop'], 'workload,service')).status).toBe(204);
    expect((await deployment('shop-api')).status).toBe(404);
    expect((await service('shop-api')).status).toBe(404);
    expect(await rows()).toEqual(['empty']);
    const audit = await w.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'application'), eq(auditLog.action, 'delete'), eq(auditLog.resourceName, 'shop')));
    expect(audit).toHaveLength(1);
  });

  it('all: also the claims Pier made for StorageClass volumes', async () => {
    const withData = web('vault-db', {
      volumes: [{ name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: '1' } }],
      containers: [{ name: 'db', type: 'worker', image: { image: 'nginx', image_version: 'alpine' }, volume_mounts: [{ volume_name: 'data', mount_path: '/data', read_only: false }] }],
    });
    const made = await create({ name: 'vault', workloads: [withData] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(await claims()).toContain('vault-db-data');
    expect((await remove(['vault', 'empty'], 'all')).status).toBe(204);
    expect((await deployment('vault-db')).status).toBe(404);
    expect((await service('vault-db')).status).toBe(404);
    expect(await claims()).not.toContain('vault-db-data');
    expect(await rows()).toEqual([]);
  });
});
