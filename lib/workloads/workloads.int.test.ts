import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { parse as parseYaml } from 'yaml';
import { auditLog, clusters } from '@/db/schema';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { ClusterManager, defaultControllers } from '@/lib/cluster/sim/controllers';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { LOCAL_CLUSTER } from '@/lib/cluster/sim/seed';
import * as switchRoute from '@/app/api/ecns/[productType]/namespace/[projectId]/cluster/[clusterName]/ns/[namespace]/route';
import * as root from '@/app/api/ecns/[productType]/workloads/route';
import * as one from '@/app/api/ecns/[productType]/workloads/workload/[name]/route';
import * as accessRoute from '@/app/api/ecns/[productType]/workloads/workload/[name]/access/route';
import * as containersRoute from '@/app/api/ecns/[productType]/workloads/workload/[name]/containers/route';
import * as scaleStrategyRoute from '@/app/api/ecns/[productType]/workloads/workload/[name]/scale_strategy/route';
import * as schedulerRoute from '@/app/api/ecns/[productType]/workloads/workload/[name]/scheduler_strategy/route';
import * as networkRoute from '@/app/api/ecns/[productType]/workloads/workload/[name]/network/route';
import * as revisionsRoute from '@/app/api/ecns/[productType]/workloads/workload/[name]/revisions/route';
import * as revisionYamlRoute from '@/app/api/ecns/[productType]/workloads/workload/[name]/revision/[version]/yaml/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { fixedClock } from '@/lib/testing/clock';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';

/**
 * The ECNS workload endpoints through their route handlers, against the
 * simulated cluster `local` reached through the adapter over real HTTP, with
 * the cluster's controllers (Deployment, ReplicaSet, scheduler, kubelet, ...)
 * driven on a test clock. Cluster state is checked through the cluster's own API.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer | undefined;
let manager: ClusterManager | undefined;
const clock = fixedClock();

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function ecns(handler: unknown, path: string, params: Record<string, string>, o: RequestOptions & { as?: UserName; pt?: string; query?: Record<string, string> } = {}) {
  const { as = 'dev', pt = 'eks', query, ...rest } = o;
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  const res = await call(handler as Handler, request(`/api/ecns/${pt}/${path}${qs}`, { ...rest, token: tokens[as] }), { productType: pt, ...params });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch { /* YAML answers stay text */ }
  return { status: res.status, body: parsed as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function k8s(path: string) {
  const segments = path.split('/').filter(Boolean);
  const res = await call(k8sRoute.GET, request(`/k8s/local/${path}`, { token: tokens.admin }), { cluster: 'local', path: segments });
  return { status: res.status, body: await body(res) };
}

const settle = (ms = 30_000) => runFor(manager!, clock, ms);
const apps = (kind: string, name = '') => k8s(`apis/apps/v1/namespaces/alpha/${kind}${name ? `/${name}` : ''}`);
const services = async () => ((await k8s('api/v1/namespaces/alpha/services')).body.items as Array<{ metadata: { name: string } }>).map((s) => s.metadata.name).sort();

// Starts the server and runs the controllers: slow on a loaded machine, hence its own timeout.
beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'ops', 'dev', 'guest', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
  for (const who of ['dev', 'guest', 'ops'] as UserName[]) {
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

const web = (name: string, over: Record<string, unknown> = {}) => ({
  workload_base: { name, type: 'Deployment', replicas: 2 },
  labels: { tier: 'web' },
  containers: [{
    name: 'nginx', type: 'worker', image: { image: 'nginx', image_version: 'alpine' },
    health: [{ type: 'readiness', protocol: 'tcp', port: 80 }],
    env: [{ type: 'Normal', name: 'MODE', key: 'prod' }],
  }],
  access_mode: [{ type: 'NodePort', access: [{ port: 80, target_port: 80, protocol: 'TCP' }] }],
  scale_strategy: { min_replicas: 2, max_replicas: 5, resource: { cpu: 60 } },
  ...over,
});
const create = (workloads: unknown[], o: { as?: UserName; pt?: string } = {}) => ecns(root.POST, 'workloads/', {}, { ...o, json: { workloads } });
const detail = (name: string, type = 'Deployment') => ecns(one.GET, `workloads/workload/${name}/`, { name }, { query: { workload_type: type } });
const patch = (name: string, action: string, json: unknown, type = 'Deployment') =>
  ecns(one.PATCH, `workloads/workload/${name}/`, { name }, { method: 'PATCH', query: { action, workload_type: type }, json });

describe('product type, namespace and roles', () => {
  it('404 for a product type the workload endpoints do not serve', async () => {
    expect((await ecns(root.GET, 'workloads/', {}, { pt: 'image' })).status).toBe(404);
  });

  it('400 without a current namespace; 403 for a visitor writing', async () => {
    const r = await ecns(root.GET, 'workloads/', {}, { as: 'odev' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/namespace/);
    const g = await create([web('by-guest')], { as: 'guest' });
    expect(g.status).toBe(403);
    expect((await apps('deployments', 'by-guest')).status).toBe(404);
  });
});

describe('create, list, detail', () => {
  it('creates several workloads at once: the objects exist in the cluster, with their Service and HPA', async () => {
    const r = await create([web('shop'), { workload_base: { name: 'agent', type: 'DaemonSet' }, containers: [{ name: 'a', type: 'worker', image: { image: 'busybox', image_version: '1.36' } }] }]);
    expect(r.status).toBe(201);
    expect(r.body.workloads.map((x: { workload_base: { name: string } }) => x.workload_base.name)).toEqual(['shop', 'agent']);
    expect((await apps('deployments', 'shop')).body.spec.replicas).toBe(2);
    expect((await apps('daemonsets', 'agent')).status).toBe(200);
    expect(await services()).toContain('shop');
    expect((await k8s('apis/autoscaling/v2/namespaces/alpha/horizontalpodautoscalers/shop')).body.spec.maxReplicas).toBe(5);
    const audit = await w.db.select().from(auditLog).where(and(eq(auditLog.action, 'create'), eq(auditLog.resourceType, 'workload')));
    expect(audit.map((a) => a.resourceName).sort()).toEqual(['agent', 'shop']);
  });

  it('the security product runs new workloads in the rune runtime class', async () => {
    expect((await create([web('secure', { access_mode: [], scale_strategy: undefined })], { pt: 'security' })).status).toBe(201);
    expect((await apps('deployments', 'secure')).body.spec.template.spec.runtimeClassName).toBe('rune');
  });

  it('bad input names the field and changes nothing in the cluster', async () => {
    const before = await services();
    const r = await create([web('bad-one'), web('bad-two', { workload_base: { name: 'bad-two', type: 'DaemonSet', replicas: 2 } })]);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('workloads.1.workload_base.replicas');
    expect((await apps('deployments', 'bad-one')).status).toBe(404);
    const dup = await create([web('fresh'), web('shop')]);
    expect(dup.status).toBe(409);
    expect((await apps('deployments', 'fresh')).status).toBe(404);
    expect(await services()).toEqual(before);
  });

  it('a refusal by the cluster midway leaves nothing behind', async () => {
    // A quota that allows one more Service: the second workload's Service is refused (403) after the first workload was made.
    const before = await services();
    const quotaPath = ['api', 'v1', 'namespaces', 'alpha', 'resourcequotas'];
    const q = await call(k8sRoute.POST, request(`/k8s/local/${quotaPath.join('/')}`, {
      token: tokens.admin, json: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'one-more-service' }, spec: { hard: { services: String(before.length + 1) } } },
    }), { cluster: 'local', path: quotaPath });
    expect(q.status).toBe(201);
    await settle(5_000);
    try {
      const r = await create([web('port-b', { scale_strategy: undefined }), web('port-c', { scale_strategy: undefined })]);
      expect(r.status).toBe(403);
      expect((await apps('deployments', 'port-b')).status).toBe(404);
      expect(await services()).toEqual(before);
    } finally {
      const path = [...quotaPath, 'one-more-service'];
      await call(k8sRoute.DELETE, request(`/k8s/local/${path.join('/')}`, { token: tokens.admin, method: 'DELETE' }), { cluster: 'local', path });
    }
  });

  it('lists by page and type, with workload_status', async () => {
    await settle();
    const all = await ecns(root.GET, 'workloads/', {}, { query: { page: '1', page_size: '2' } });
    expect(all.status).toBe(200);
    expect(all.body.workloads).toHaveLength(2);
    expect(all.body.total).toBe(3);
    const ds = await ecns(root.GET, 'workloads/', {}, { query: { workload_type: 'DaemonSet' } });
    expect(ds.body.workloads.map((x: { workload_base: { name: string } }) => x.workload_base.name)).toEqual(['agent']);
    const bad = await ecns(root.GET, 'workloads/', {}, { query: { page_size: '0', workload_type: 'Job' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/page_size/);
    expect(bad.body.error.message).toMatch(/workload_type/);
  });

  it('detail: conditions, events, revisions, Pods_status and workload_status Running', async () => {
    await settle(60_000);
    const r = await detail('shop');
    expect(r.status).toBe(200);
    expect(r.body.workload.workload_status).toMatchObject({ status: 'Running', ready_replicas: 2, images: ['nginx:alpine'] });
    expect(r.body.workload.Pods_status).toHaveLength(2);
    expect(r.body.workload.Pods_status[0].status).toBe('Running');
    expect(r.body.workload.containers[0].container_statuses).toBe('Running');
    expect(r.body.conditions.map((c: { type: string }) => c.type)).toContain('Available');
    expect(r.body.events.some((e: { reason?: string }) => e.reason === 'ScalingReplicaSet')).toBe(true);
    expect(r.body.revisions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(r.body.workload.access_mode[0]).toMatchObject({ name: 'shop', type: 'NodePort' });
    expect(r.body.workload.scale_strategy).toEqual({ min_replicas: 2, max_replicas: 5, resource: { cpu: 60 } });
    expect((await detail('nope')).status).toBe(404);
    expect((await ecns(one.GET, 'workloads/workload/shop/', { name: 'shop' }, { query: { workload_type: 'Pod' } })).status).toBe(400);
  });

  it('a Deployment made with kubectl shows up as a workload', async () => {
    const res = await call(k8sRoute.POST, request('/k8s/local/apis/apps/v1/namespaces/alpha/deployments', {
      token: tokens.admin, json: {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'kubectl-made', labels: { app: 'k' } },
        spec: { replicas: 1, selector: { matchLabels: { app: 'k' } }, template: { metadata: { labels: { app: 'k' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
      },
    }), { cluster: 'local', path: ['apis', 'apps', 'v1', 'namespaces', 'alpha', 'deployments'] });
    expect(res.status).toBe(201);
    const r = await detail('kubectl-made');
    expect(r.body.workload).toMatchObject({ workload_base: { name: 'kubectl-made', type: 'Deployment', replicas: 1 }, labels: { app: 'k' }, containers: [{ name: 'c', image: { image: 'nginx', image_version: '1.27' } }] });
  });
});

describe('stop, start, recreate', () => {
  it('stop keeps the replica count and start restores it; batch and single', async () => {
    expect((await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'stop' }, json: { workloads_base: [{ name: 'shop', type: 'Deployment' }, { name: 'agent', type: 'DaemonSet' }] } })).status).toBe(200);
    const stopped = (await apps('deployments', 'shop')).body;
    expect(stopped.spec.replicas).toBe(0);
    expect(stopped.metadata.annotations['pier.io/stopped-replicas']).toBe('2');
    expect((await apps('daemonsets', 'agent')).body.spec.template.spec.nodeSelector).toEqual({ 'pier.io/stopped': 'true' });
    await settle();
    expect((await detail('shop')).body.workload.workload_status.status).toBe('Stopped');
    // Stopping again keeps the count it had.
    await ecns(one.PUT, 'workloads/workload/shop/', { name: 'shop' }, { method: 'PUT', query: { action: 'stop', workload_type: 'Deployment' } });
    expect((await apps('deployments', 'shop')).body.metadata.annotations['pier.io/stopped-replicas']).toBe('2');
    expect((await ecns(one.PUT, 'workloads/workload/shop/', { name: 'shop' }, { method: 'PUT', query: { action: 'start', workload_type: 'Deployment' } })).status).toBe(200);
    const started = (await apps('deployments', 'shop')).body;
    expect(started.spec.replicas).toBe(2);
    expect(started.metadata.annotations?.['pier.io/stopped-replicas']).toBeUndefined();
    await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'start' }, json: { workloads_base: [{ name: 'agent', type: 'DaemonSet' }] } });
    expect((await apps('daemonsets', 'agent')).body.spec.template.spec.nodeSelector).toBeUndefined();
  });

  it('recreate stamps the pod template; a missing workload in a batch is a 404 and nothing changes', async () => {
    const before = (await apps('deployments', 'shop')).body.metadata.generation;
    expect((await ecns(one.PUT, 'workloads/workload/shop/', { name: 'shop' }, { method: 'PUT', query: { action: 'recreate', workload_type: 'Deployment' } })).status).toBe(200);
    const after = (await apps('deployments', 'shop')).body;
    expect(after.metadata.generation).toBe(before + 1);
    expect(after.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    const r = await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'stop' }, json: { workloads_base: [{ name: 'shop', type: 'Deployment' }, { name: 'ghost', type: 'Deployment' }] } });
    expect(r.status).toBe(404);
    expect((await apps('deployments', 'shop')).body.spec.replicas).toBe(2);
    const bad = await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'pause' }, json: { workloads_base: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/action/);
    const withReplicas = await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'stop' }, json: { workloads_base: [{ name: 'shop', type: 'Deployment', replicas: 1 }] } });
    expect(withReplicas.status).toBe(400);
    expect(withReplicas.body.error.message).toMatch(/workloads_base\.0\.replicas/);
  });

  it('attach and detach to an application', async () => {
    expect((await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'attach' }, json: { application_name: 'store', workloads_base: [{ name: 'shop', type: 'Deployment' }] } })).status).toBe(200);
    expect((await detail('shop')).body.workload.application_name).toBe('store');
    const wrong = await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'detach' }, json: { application_name: 'other', workloads_base: [{ name: 'shop', type: 'Deployment' }] } });
    expect(wrong.status).toBe(400);
    expect((await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'detach' }, json: { application_name: 'store', workloads_base: [{ name: 'shop', type: 'Deployment' }] } })).status).toBe(200);
    expect((await detail('shop')).body.workload.application_name).toBeUndefined();
  });
});

describe('PATCH actions and their GETs', () => {
  it('scale; a DaemonSet cannot be scaled; bad replicas change nothing', async () => {
    const r = await patch('shop', 'scale', { replicas: 3 });
    expect(r.status).toBe(200);
    expect(r.body.workload.workload_base.replicas).toBe(3);
    expect((await patch('agent', 'scale', { replicas: 3 }, 'DaemonSet')).status).toBe(400);
    const bad = await patch('shop', 'scale', { replicas: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/replicas/);
    expect((await apps('deployments', 'shop')).body.spec.replicas).toBe(3);
    expect((await patch('shop', 'explode', {})).status).toBe(400);
  });

  it('containers: a new image makes revision 2; rollback brings version 1 back; revisions list, YAML, delete', async () => {
    const containers = (await ecns(containersRoute.GET, 'workloads/workload/shop/containers/', { name: 'shop' }, { query: { workload_type: 'Deployment' } })).body.containers;
    containers[0].image.image_version = '1.27';
    const r = await patch('shop', 'containers', { containers });
    expect(r.status).toBe(200);
    expect(r.body.workload.containers[0].image.image_version).toBe('1.27');
    await settle(60_000);
    const revs = await ecns(revisionsRoute.GET, 'workloads/workload/shop/revisions/', { name: 'shop' }, { query: { workload_type: 'Deployment' } });
    expect(revs.body.revisions.map((v: { version: number; image: Array<{ image_version: string }> }) => [v.version, v.image[0].image_version])).toEqual([[1, 'alpine'], [2, '1.27']]);
    const yaml = await ecns(revisionYamlRoute.GET, 'workloads/workload/shop/revision/1/yaml/', { name: 'shop', version: '1' }, { query: { workload_type: 'Deployment' } });
    expect(yaml.status).toBe(200);
    expect(parseYaml(yaml.body as string)).toMatchObject({ kind: 'ReplicaSet', spec: { template: { spec: { containers: [{ image: 'nginx:alpine' }] } } } });
    const badRollback = await patch('shop', 'rollback', { target_version: '9' });
    expect(badRollback.status).toBe(400);
    expect(badRollback.body.error.message).toMatch(/target_version/);
    expect((await patch('shop', 'rollback', { target_version: '1' })).status).toBe(200);
    await settle(60_000);
    expect((await apps('deployments', 'shop')).body.spec.template.spec.containers[0].image).toBe('nginx:alpine');
    const after = await ecns(revisionsRoute.GET, 'workloads/workload/shop/revisions/', { name: 'shop' }, { query: { workload_type: 'Deployment' } });
    expect(after.body.revisions.map((v: { version: number }) => v.version)).toEqual([2, 3]);
    const current = await ecns(revisionsRoute.DELETE, 'workloads/workload/shop/revisions/', { name: 'shop' }, { method: 'DELETE', query: { workload_type: 'Deployment', history_version: '3' } });
    expect(current.status).toBe(400);
    const del = await ecns(revisionsRoute.DELETE, 'workloads/workload/shop/revisions/', { name: 'shop' }, { method: 'DELETE', query: { workload_type: 'Deployment', history_version: '2' } });
    expect(del.body).toEqual({ deleted: [2] });
  });

  it('containers: a rule broken names the field and changes nothing', async () => {
    const before = (await apps('deployments', 'shop')).body.metadata.resourceVersion;
    const r = await patch('shop', 'containers', { containers: [{ name: 'nginx', type: 'worker', image: { image: 'nginx', image_version: 'alpine' }, health: [{ type: 'liveness', protocol: 'http', port: 80, success_threshold: 3 }] }] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('containers.0.health.0.success_threshold');
    expect((await apps('deployments', 'shop')).body.metadata.resourceVersion).toBe(before);
  });

  it('access_modes: Services become the ones asked for; GET access', async () => {
    const r = await patch('shop', 'access_modes', { access_modes: [
      { type: 'ClusterIP', access: [{ port: 8080, target_port: 80, routers: [{ domain: 'shop.example.com', path: '/' }] }] },
      { type: 'ExternalName', external_name: 'db.example.com', access: [] },
    ] });
    expect(r.status).toBe(200);
    const svc = (await k8s('api/v1/namespaces/alpha/services/shop')).body;
    expect(svc.spec.type).toBe('ClusterIP');
    expect((await k8s('api/v1/namespaces/alpha/services/shop-2')).body.spec.externalName).toBe('db.example.com');
    expect((await k8s('apis/networking.k8s.io/v1/namespaces/alpha/ingresses/shop')).body.spec.rules[0].host).toBe('shop.example.com');
    const got = await ecns(accessRoute.GET, 'workloads/workload/shop/access/', { name: 'shop' }, { query: { workload_type: 'Deployment' } });
    expect(got.body.access_mode.map((m: { name: string; type: string }) => [m.name, m.type])).toEqual([['shop', 'ClusterIP'], ['shop-2', 'ExternalName']]);
    const bad = await patch('shop', 'access_modes', { access_modes: [{ type: 'ExternalName', access: [] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('access_modes.0.external_name');
    expect((await k8s('api/v1/namespaces/alpha/services/shop-2')).status).toBe(200);
    expect((await patch('shop', 'access_modes', { access_modes: [{ type: 'ClusterIP', access: [{ port: 8080 }] }] })).status).toBe(200);
    expect((await k8s('api/v1/namespaces/alpha/services/shop-2')).status).toBe(404);
    expect((await k8s('apis/networking.k8s.io/v1/namespaces/alpha/ingresses/shop')).status).toBe(404);
  });

  it('update_strategy, scale_strategy, scheduler_strategy, network, labels', async () => {
    expect((await patch('shop', 'update_strategy', { update_strategy: { type: 'first_up', batch_size: 2 } })).body.workload.update_strategy).toEqual({ type: 'first_up', batch_size: 2 });
    expect((await apps('deployments', 'shop')).body.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } });
    expect((await patch('shop', 'update_strategy', { update_strategy: { type: 'on_delete' } })).status).toBe(400);

    expect((await patch('shop', 'scale_strategy', { scale_strategy: { max_replicas: 8, resource: { memory: 50 } } })).status).toBe(200);
    expect((await ecns(scaleStrategyRoute.GET, 'workloads/workload/shop/scale_strategy', { name: 'shop' }, { query: { workload_type: 'Deployment' } })).body)
      .toEqual({ scale_strategy: { max_replicas: 8, resource: { memory: 50 } } });
    expect((await patch('shop', 'scale_strategy', { scale_strategy: null })).status).toBe(200);
    expect((await k8s('apis/autoscaling/v2/namespaces/alpha/horizontalpodautoscalers/shop')).status).toBe(404);

    const sched = [{ type: 'nodeSelectorTerms', node_terms: { required: [{ expression: [{ key: 'kubernetes.io/hostname', operator: 'In', values: 'worker-1,worker-2' }] }] } }];
    expect((await patch('shop', 'scheduler_strategy', { scheduler_strategy: sched })).status).toBe(200);
    expect((await ecns(schedulerRoute.GET, 'workloads/workload/shop/scheduler_strategy', { name: 'shop' }, { query: { workload_type: 'Deployment' } })).body.scheduler_strategy).toEqual(sched);
    expect((await patch('shop', 'scheduler_strategy', { scheduler_strategy: [{ type: 'nodeSelector' }] })).status).toBe(400);

    const network = { host_aliases: [{ ip: '10.0.0.9', hostnames: 'db.local' }] };
    expect((await patch('shop', 'network', { network })).status).toBe(200);
    expect((await ecns(networkRoute.GET, 'workloads/workload/shop/network', { name: 'shop' }, { query: { workload_type: 'Deployment' } })).body.network).toEqual(network);
    expect((await patch('shop', 'network', { network: { dns_policy: 'ClusterFirstWithHostNet' } })).status).toBe(400);

    const l = await patch('shop', 'labels', { labels: { tier: 'front', team: 'a' } });
    expect(l.body.workload.labels).toEqual({ tier: 'front', team: 'a' });
    expect((await apps('deployments', 'shop')).body.metadata.labels['pier.io/workload']).toBe('shop');
    expect((await patch('shop', 'labels', { labels: { 'pier.io/workload': 'x' } })).status).toBe(400);
  });
});

describe('bad input (issue 3\'s list): a 400 naming the field, nothing in the cluster changed', () => {
  /** Every object a workload call could touch in alpha, with its resourceVersion. */
  const clusterState = async () => {
    const kinds = ['apis/apps/v1/namespaces/alpha/deployments', 'apis/apps/v1/namespaces/alpha/statefulsets', 'apis/apps/v1/namespaces/alpha/daemonsets',
      'api/v1/namespaces/alpha/services', 'api/v1/namespaces/alpha/persistentvolumeclaims', 'apis/autoscaling/v2/namespaces/alpha/horizontalpodautoscalers',
      'apis/networking.k8s.io/v1/namespaces/alpha/ingresses'];
    const lists = await Promise.all(kinds.map((k) => k8s(k)));
    return lists.flatMap((l, i) => (l.body.items as Array<{ metadata: { name: string; resourceVersion: string } }>)
      .map((o) => `${kinds[i].split('/').pop()}/${o.metadata.name}@${o.metadata.resourceVersion}`)).sort();
  };
  const refused = async (r: { status: number; body: any }, field: string) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe(400);
    expect(r.body.error.message).toContain(`${field}:`);
  };
  const container = (over: Record<string, unknown> = {}) => ({ name: 'c', type: 'worker', image: { image: 'nginx', image_version: 'alpine' }, ...over });

  it('on create: name pattern and length, env type vs key/value, volume type vs its field, liveness success_threshold, external_name, ranges', async () => {
    const before = await clusterState();
    const cases: Array<[unknown, string]> = [
      [web('Bad_Name'), 'workloads.0.workload_base.name'],
      [web('a'.repeat(53)), 'workloads.0.workload_base.name'],
      [web('env-normal', { containers: [container({ env: [{ type: 'Normal', name: 'A', key: 'x', value: 'y' }] })] }), 'workloads.0.containers.0.env.0.value'],
      [web('env-cm', { containers: [container({ env: [{ type: 'ConfigMap', name: 'A', key: 'settings' }] })] }), 'workloads.0.containers.0.env.0.value'],
      [web('vol-type', { volumes: [{ name: 'data', type: 'EmptyDir', pvc: 'claim' }] }), 'workloads.0.volumes.0.pvc'],
      [web('vol-missing', { volumes: [{ name: 'data', type: 'PVC' }] }), 'workloads.0.volumes.0.pvc'],
      [web('live-2', { containers: [container({ health: [{ type: 'liveness', protocol: 'tcp', port: 80, success_threshold: 2 }] })] }), 'workloads.0.containers.0.health.0.success_threshold'],
      [web('ext-name', { access_mode: [{ type: 'ExternalName', access: [] }] }), 'workloads.0.access_mode.0.external_name'],
      [web('replicas-big', { workload_base: { name: 'replicas-big', type: 'Deployment', replicas: 10001 } }), 'workloads.0.workload_base.replicas'],
      [web('node-port', { access_mode: [{ type: 'NodePort', access: [{ port: 80, node_port: 29999 }] }] }), 'workloads.0.access_mode.0.access.0.node_port'],
      [web('port-big', { access_mode: [{ type: 'ClusterIP', access: [{ port: 70000 }] }] }), 'workloads.0.access_mode.0.access.0.port'],
      [web('kind-job', { workload_base: { name: 'kind-job', type: 'Job', replicas: 1 } }), 'workloads.0.workload_base.type'],
    ];
    for (const [w, field] of cases) await refused(await create([w]), field);
    // Two workloads of one name in one request: named at the second.
    await refused(await create([web('twin'), web('twin')]), 'workloads.1.workload_base.name');
    expect(await clusterState()).toEqual(before);
  });

  it('unknown workload_type or action, on every call that takes them', async () => {
    const before = await clusterState();
    await refused(await ecns(root.GET, 'workloads/', {}, { query: { workload_type: 'Job' } }), 'workload_type');
    await refused(await ecns(one.GET, 'workloads/workload/shop/', { name: 'shop' }, { query: { workload_type: 'Pod' } }), 'workload_type');
    await refused(await patch('shop', 'scale', { replicas: 1 }, 'ReplicaSet'), 'workload_type');
    await refused(await patch('shop', 'explode', { replicas: 1 }), 'action');
    await refused(await ecns(one.PUT, 'workloads/workload/shop/', { name: 'shop' }, { method: 'PUT', query: { action: 'pause', workload_type: 'Deployment' } }), 'action');
    await refused(await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'explode' }, json: { workloads_base: [{ name: 'shop', type: 'Deployment' }] } }), 'action');
    await refused(await ecns(root.PUT, 'workloads/', {}, { method: 'PUT', query: { action: 'stop' }, json: { workloads_base: [{ name: 'shop', type: 'CronJob' }] } }), 'workloads_base.0.type');
    await refused(await ecns(root.DELETE, 'workloads/', {}, { method: 'DELETE', json: { workloads_base: [{ name: 'shop', type: 'Deployment' }], delete_policy: 'Now' } }), 'delete_policy');
    expect(await clusterState()).toEqual(before);
  });
});

describe('StatefulSets and DaemonSets', () => {
  it('a StatefulSet with a claim template: revisions are ControllerRevisions; rollback brings version 1 back', async () => {
    const sts = {
      workload_base: { name: 'db', type: 'StatefulSet', replicas: 2 },
      containers: [{ name: 'redis', type: 'worker', image: { image: 'redis', image_version: 'alpine' }, volume_mounts: [{ volume_name: 'data', mount_path: '/data', read_only: false }] }],
      volumes: [{ name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: '1' } }],
      access_mode: [{ name: 'db-headless', type: 'ClusterIP', cluster_ip: 'None', access: [{ port: 6379 }] }],
    };
    expect((await create([sts])).status).toBe(201);
    await settle(60_000);
    const d1 = await detail('db', 'StatefulSet');
    expect(d1.body.workload.workload_status).toMatchObject({ status: 'Running', ready_replicas: 2 });
    expect(d1.body.workload.volumes).toEqual([{ name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: '1' } }]);
    const containers = d1.body.workload.containers.map(({ container_statuses: _s, ...c }: Record<string, unknown>) => c);
    (containers[0] as { image: { image_version: string } }).image.image_version = '7.2';
    expect((await patch('db', 'containers', { containers }, 'StatefulSet')).status).toBe(200);
    await settle(60_000);
    const revs = await ecns(revisionsRoute.GET, 'workloads/workload/db/revisions/', { name: 'db' }, { query: { workload_type: 'StatefulSet' } });
    expect(revs.body.revisions.map((v: { version: number; image: Array<{ image_version: string }> }) => [v.version, v.image[0].image_version])).toEqual([[1, 'alpine'], [2, '7.2']]);
    const yaml = await ecns(revisionYamlRoute.GET, 'workloads/workload/db/revision/1/yaml/', { name: 'db', version: '1' }, { query: { workload_type: 'StatefulSet' } });
    expect(parseYaml(yaml.body as string)).toMatchObject({ kind: 'ControllerRevision', revision: 1 });
    expect((await patch('db', 'rollback', { target_version: 1 }, 'StatefulSet')).status).toBe(200);
    await settle(60_000);
    expect((await apps('statefulsets', 'db')).body.spec.template.spec.containers[0].image).toBe('redis:alpine');
    expect((await detail('db', 'StatefulSet')).body.workload.workload_status.status).toBe('Running');
  });

  it('a DaemonSet rolls back through its ControllerRevisions too', async () => {
    const containers = [{ name: 'a', type: 'worker', image: { image: 'busybox', image_version: 'latest' } }];
    expect((await patch('agent', 'containers', { containers }, 'DaemonSet')).status).toBe(200);
    await settle(60_000);
    const revs = await ecns(revisionsRoute.GET, 'workloads/workload/agent/revisions/', { name: 'agent' }, { query: { workload_type: 'DaemonSet' } });
    const versions = revs.body.revisions.map((v: { version: number; image: Array<{ image_version: string }> }) => [v.version, v.image[0].image_version]);
    expect(versions[versions.length - 1][1]).toBe('latest');
    const first = versions.find((v: [number, string]) => v[1] === '1.36');
    expect(first).toBeTruthy();
    expect((await patch('agent', 'rollback', { target_version: String(first[0]) }, 'DaemonSet')).status).toBe(200);
    expect((await apps('daemonsets', 'agent')).body.spec.template.spec.containers[0].image).toBe('busybox:1.36');
  });
});

describe('delete', () => {
  it('deletes workloads and their HPA; Services only with delete_service; a missing one changes nothing', async () => {
    const missing = await ecns(root.DELETE, 'workloads/', {}, { method: 'DELETE', json: { workloads_base: [{ name: 'secure', type: 'Deployment' }, { name: 'ghost', type: 'StatefulSet' }] } });
    expect(missing.status).toBe(404);
    expect((await apps('deployments', 'secure')).status).toBe(200);
    expect((await create([web('keep-svc')])).status).toBe(201);
    expect((await ecns(root.DELETE, 'workloads/', {}, { method: 'DELETE', json: { workloads_base: [{ name: 'keep-svc', type: 'Deployment' }] } })).status).toBe(204);
    expect((await apps('deployments', 'keep-svc')).status).toBe(404);
    expect(await services()).toContain('keep-svc');
    expect((await k8s('apis/autoscaling/v2/namespaces/alpha/horizontalpodautoscalers/keep-svc')).status).toBe(404);
    const r = await ecns(root.DELETE, 'workloads/', {}, { method: 'DELETE', json: { workloads_base: [{ name: 'shop', type: 'Deployment' }], delete_service: true, force_delete: true, delete_policy: 'Foreground' } });
    expect(r.status).toBe(204);
    await settle();
    expect((await apps('deployments', 'shop')).status).toBe(404);
    expect(await services()).not.toContain('shop');
    const bad = await ecns(root.DELETE, 'workloads/', {}, { method: 'DELETE', json: { workloads_base: [{ name: 'agent', type: 'DaemonSet' }], delete_policy: 'Now' } });
    expect(bad.status).toBe(400);
    expect((await apps('daemonsets', 'agent')).status).toBe(200);
  });
});
