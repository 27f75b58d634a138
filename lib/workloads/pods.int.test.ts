import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clusters } from '@/db/schema';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { stopCaches } from '@/lib/cluster/adapter/cache';
import { ClusterManager, defaultControllers } from '@/lib/cluster/sim/controllers';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { LOCAL_CLUSTER } from '@/lib/cluster/sim/seed';
import * as switchRoute from '@/app/api/ecns/[productType]/namespace/[projectId]/cluster/[clusterName]/ns/[namespace]/route';
import * as workloadsRoute from '@/app/api/ecns/[productType]/workloads/route';
import * as podsRoute from '@/app/api/ecns/[productType]/pods/route';
import * as podRoute from '@/app/api/ecns/[productType]/pods/pod/[name]/route';
import * as overviewRoute from '@/app/api/ecns/[productType]/overview/pods_status/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { fixedClock } from '@/lib/testing/clock';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';

/**
 * ECNS pods (1.16) and the pods overview (1.14) through their route handlers,
 * against the simulated cluster over HTTP with its controllers on a test
 * clock. Lists come from the adapter's watch-fed cache, so reads after a
 * change wait (bounded) until the cache has seen it.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer | undefined;
let manager: ClusterManager | undefined;
const clock = fixedClock();

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function ecns(handler: unknown, path: string, params: Record<string, string>, o: RequestOptions & { as?: UserName; query?: Record<string, string> } = {}) {
  const { as = 'dev', query, ...rest } = o;
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  const res = await call(handler as Handler, request(`/api/ecns/eks/${path}${qs}`, { ...rest, token: tokens[as] }), { productType: 'eks', ...params });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Polls `read` until `ok` holds (the watch cache catches up within its poll interval); gives up after 100 tries. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 100 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}

const list = (query: Record<string, string> = {}) => ecns(podsRoute.GET, 'pods/', {}, { query });
type Row = { name: string; status: string; node_name: string; labels: Record<string, string>; images: Array<{ image: string; image_version: string }>; restart_count: string };

// Starts the server and runs the controllers: slow on a loaded machine, hence its own timeout.
beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'dev', 'guest', 'ops'] as UserName[]) tokens[who] = await tokenFor(w, who);
  for (const who of ['dev', 'guest'] as UserName[]) {
    await ecns(switchRoute.GET, `namespace/${w.projects.alpha.id}/cluster/local/ns/alpha/`, { projectId: w.projects.alpha.id, clusterName: 'local', namespace: 'alpha' }, { as: who });
  }
  const [local] = await w.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, LOCAL_CLUSTER));
  manager = new ClusterManager({ sim: { db: w.db, clock, clusterId: local.id }, controllers: defaultControllers(), log: () => undefined });
  const workload = (name: string, replicas: number, image: { image: string; image_version: string }) => ({
    workload_base: { name, type: 'Deployment', replicas }, labels: { app: name },
    containers: [{ name: 'main', type: 'worker', image }],
  });
  const r = await ecns(workloadsRoute.POST, 'workloads/', {}, { json: { workloads: [
    workload('web', 3, { image: 'nginx', image_version: 'alpine' }),
    // Not in the image catalog: ends in ImagePullBackOff.
    workload('broken', 1, { image: 'nowhere/missing', image_version: '9' }),
  ] } });
  expect(r.status).toBe(201);
  await runFor(manager, clock, 120_000);
}, 180_000);

afterAll(async () => {
  stopCaches();
  await manager?.stop();
  await server?.close();
});

describe('GET /pods/', () => {
  it('lists the namespace\'s pods with the seed\'s fields, paged', async () => {
    const r = await until(() => list(), (x) => x.body?.total === 4 && x.body.pods.every((p: Row) => p.status !== 'Pending'));
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(4);
    const row = r.body.pods.find((p: Row) => p.name.startsWith('web-'));
    expect(row).toMatchObject({ status: 'Running', images: [{ image: 'nginx', image_version: 'alpine' }], restart_count: '0' });
    expect(row.pod_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(row.labels['pier.io/workload']).toBe('web');
    const page2 = await list({ page: '2', page_size: '3' });
    expect(page2.body.pods).toHaveLength(1);
  });

  it('filters by workload, status, label, node and name', async () => {
    expect((await list({ workload_type: 'Deployment', workload_name: 'web' })).body.total).toBe(3);
    expect((await list({ status: 'Running' })).body.total).toBe(3);
    const failing = await list({ status: 'ImagePullBackOff' });
    expect(failing.body.pods.map((p: Row) => p.name)).toEqual([expect.stringMatching(/^broken-/)]);
    expect((await list({ label_selector: 'pier.io/workload=broken' })).body.total).toBe(1);
    expect((await list({ label_selector: 'pier.io/workload!=broken' })).body.total).toBe(3);
    const node = (await list({ workload_type: 'Deployment', workload_name: 'web' })).body.pods[0].node_name;
    const onNode = await list({ node_name: node });
    expect(onNode.body.pods.every((p: Row) => p.node_name === node)).toBe(true);
    expect((await list({ name: 'brok' })).body.total).toBe(1);
  });

  it('a status filter pages its own bucket: any case, the phase as well as the STATUS word, in name order', async () => {
    const all = (await list()).body.pods.map((p: Row) => p.name);
    const running = await list({ status: 'running' });
    expect(running.body.total).toBe(3);
    expect(running.body.pods.map((p: Row) => p.name)).toEqual(all.filter((n: string) => n.startsWith('web-')));
    const second = await list({ status: 'Running', page: '2', page_size: '2' });
    expect(second.body).toMatchObject({ total: 3, page: 2, page_size: 2 });
    expect(second.body.pods.map((p: Row) => p.name)).toEqual([running.body.pods[2].name]);
    // The failing pod's STATUS is ImagePullBackOff and its phase Pending: either word finds it.
    expect((await list({ status: 'PENDING' })).body.pods.map((p: Row) => p.name)).toEqual([expect.stringMatching(/^broken-/)]);
    expect((await list({ status: 'Succeeded' })).body).toMatchObject({ total: 0, pods: [] });
    // With another filter the bucket is walked.
    expect((await list({ status: 'Running', name: 'web' })).body.total).toBe(3);
    expect((await list({ status: 'Running', name: 'brok' })).body.total).toBe(0);
  });

  it('bad filters name the field', async () => {
    const r = await list({ workload_type: 'Deployment' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/workload_name/);
    expect((await list({ page_size: '501' })).status).toBe(400);
    expect((await list({ label_selector: 'a in (b)' })).body.error.message).toMatch(/label_selector/);
    expect((await list({ color: 'red' })).body.error.message).toMatch(/color/);
    expect((await list({ workload_type: 'Deployment', workload_name: 'ghost' })).status).toBe(404);
  });
});

describe('GET /pods/pod/<name>/ and DELETE /pods/', () => {
  it('a pod with its containers, conditions and events', async () => {
    const name = (await list({ status: 'ImagePullBackOff' })).body.pods[0].name;
    const r = await ecns(podRoute.GET, `pods/pod/${name}/`, { name });
    expect(r.status).toBe(200);
    expect(r.body.pod).toMatchObject({ name, restart_policy: 'Always', pod_status: { status: 'ImagePullBackOff' } });
    expect(r.body.pod.containers[0]).toMatchObject({ name: 'main', type: 'worker', image: { image: 'nowhere/missing', image_version: '9' }, container_statuses: 'Waiting' });
    expect(r.body.conditions.map((c: { type: string }) => c.type)).toContain('PodScheduled');
    expect(r.body.events.some((e: { reason?: string }) => e.reason === 'Failed' || e.reason === 'BackOff')).toBe(true);
    expect((await ecns(podRoute.GET, 'pods/pod/ghost/', { name: 'ghost' })).status).toBe(404);
    expect((await ecns(podRoute.GET, 'pods/pod/Bad_Name/', { name: 'Bad_Name' })).status).toBe(400);
  });

  it('delete: visitors may not; force deletes at once; the ReplicaSet makes a new one', async () => {
    const name = (await list({ workload_type: 'Deployment', workload_name: 'web' })).body.pods[0].name;
    const guest = await ecns(podsRoute.DELETE, 'pods/', {}, { as: 'guest', method: 'DELETE', json: { pod: { name } } });
    expect(guest.status).toBe(403);
    const bad = await ecns(podsRoute.DELETE, 'pods/', {}, { method: 'DELETE', query: { force: 'yes' }, json: { pod: { name } } });
    expect(bad.status).toBe(400);
    const r = await ecns(podsRoute.DELETE, 'pods/', {}, { method: 'DELETE', query: { force: 'true' }, json: { pod: { name } } });
    expect(r.status).toBe(200);
    const res = await call(k8sRoute.GET, request(`/k8s/local/api/v1/namespaces/alpha/pods/${name}`, { token: tokens.admin }), { cluster: 'local', path: ['api', 'v1', 'namespaces', 'alpha', 'pods', name] });
    expect(res.status).toBe(404);
    await body(res);
    await runFor(manager!, clock, 60_000);
    const after = await until(() => list({ workload_type: 'Deployment', workload_name: 'web', status: 'Running' }), (x) => x.body.total === 3 && !x.body.pods.some((p: Row) => p.name === name));
    expect(after.body.pods.map((p: Row) => p.name)).not.toContain(name);
    expect(after.body.total).toBe(3);
    expect((await ecns(podsRoute.DELETE, 'pods/', {}, { method: 'DELETE', json: { pod: { name } } })).status).toBe(404);
  });
});

describe('GET /overview/pods_status/', () => {
  it('groups the visible pods: running, failed (error waits count), other', async () => {
    const r = await until(() => ecns(overviewRoute.GET, 'overview/pods_status/', {}), (x) => x.body?.running?.[0]?.count === 3);
    expect(r.status).toBe(200);
    expect(r.body.running[0].count).toBe(3);
    expect(r.body.failed[0].count).toBe(1);
    expect(r.body.failed[0].pods[0].status).toBe('ImagePullBackOff');
    expect(r.body.other[0].count).toBe(0);
    expect((await ecns(overviewRoute.GET, 'overview/pods_status/', {}, { query: { apiserver_host: 'https://nowhere.example:6443' } })).status).toBe(404);
  });
});
