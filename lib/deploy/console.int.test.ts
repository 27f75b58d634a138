import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { POST as createApp } from '@/app/v1/app/route';
import * as deploymentsRoute from '@/app/api/pier/deploy/deployments/route';
import * as deploymentRoute from '@/app/api/pier/deploy/deployments/[id]/route';
import { GET as podsRoute } from '@/app/api/pier/deploy/deployments/[id]/pods/route';
import { GET as previewRoute } from '@/app/api/pier/deploy/deployments/[id]/preview/route';
import { POST as upgradeRoute } from '@/app/api/pier/deploy/deployments/[id]/upgrade/route';
import { POST as rollbackRoute } from '@/app/api/pier/deploy/deployments/[id]/rollback/route';
import { GET as requestsRoute } from '@/app/api/pier/deploy/requests/route';
import { GET as pendingRoute } from '@/app/api/pier/deploy/requests/pending/route';
import { POST as approveRoute } from '@/app/api/pier/deploy/requests/approve/route';
import * as requestRoute from '@/app/api/pier/deploy/requests/[id]/route';
import { auditLog, clusters, deployments, deployRequests } from '@/db/schema';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { defaultControllers } from '@/lib/cluster/sim/controllers';
import { ClusterManager } from '@/lib/cluster/sim/controllers/manager';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { fixedClock } from '@/lib/testing/clock';
import { loadCaller, setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { clientsByName, createObject, getObject } from '@/lib/cluster/adapter';
import { NotFound } from '@/lib/errors';
import { createThirdRegistry } from '@/lib/images/third-registries';
import { appBody } from '@/lib/catalog/testing/fixtures';
import { refreshPodCounts } from './live';
import { advanceRollouts, DEADLINE_MS, releaseStaleLeases } from './worker';
import { pullSecretsWanted } from './pull-secret';

/**
 * The console's deploy API (`/api/pier/deploy/**`) that the deployments and
 * audit pages call: route handlers over the core verbs, the worker applying
 * through the adapter over HTTP to the simulated cluster `local` with its
 * real controllers on a test clock. Nothing is mocked.
 */
const w = setupWorld();
const clock = fixedClock('2026-11-22T10:00:00Z');
let server: SimServer | undefined;
let m: ClusterManager | undefined;
const tokens = {} as Record<UserName, string>;

beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'ops', 'dev', 'guest', 'oadmin', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
  const [local] = await w.db.select().from(clusters).where(eq(clusters.name, 'local'));
  m = new ClusterManager({ sim: { db: w.db, clock, clusterId: local.id }, controllers: defaultControllers() });
}, 180_000);
afterAll(async () => {
  await m?.stop();
  await server?.close();
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function api(handler: unknown, path: string, o: RequestOptions & { as?: UserName; params?: Record<string, string> } = {}) {
  const { as = 'dev', params, ...rest } = o;
  const res = await call(handler as Handler, request(path, { ...rest, token: tokens[as] }), params ?? {});
  return { status: res.status, body: res.status === 204 ? null : await body(res) };
}

const spec = (over: Record<string, unknown> = {}) => appBody({
  appName: 'shop', image: 'nginx:latest', replicas: 2, minReplicas: 1, maxReplicas: 4, isHPA: false, port: [{ port: 80 }], volume: [],
  repositoryId: undefined, minReadySeconds: 0, minCPU: 10, maxCPU: 50, minMemory: 32, maxMemory: 64, ...over,
});

async function rollOut(maxPasses = 30) {
  for (let i = 0; i < maxPasses; i++) {
    await advanceRollouts(w.db, clock);
    const open = await w.db.select({ s: deployRequests.status }).from(deployRequests);
    if (!open.some((r) => [1, 3, 4].includes(r.s))) return;
    await runFor(m!, clock, 5_000);
  }
}

const page = async (id: number, as: UserName = 'dev') => api(deploymentRoute.GET, `/api/pier/deploy/deployments/${id}`, { as, params: { id: String(id) } });
const pendingCount = async (as: UserName) => (await api(pendingRoute, '/api/pier/deploy/requests/pending', { as })).body.count;
const queue = async (q: string, as: UserName = 'ops') => api(requestsRoute, `/api/pier/deploy/requests${q}`, { as });
const decide = (id: number, json: unknown, as: UserName = 'ops') => api(requestRoute.POST, `/api/pier/deploy/requests/${id}`, { as, json, params: { id: String(id) } });
const auditRows = async () => (await w.db.select().from(auditLog)).length;

describe('console deploy API', () => {
  let id = 0;
  let first = 0;

  it('a request waits in the queue of its department; the badge counts it for its admins only', async () => {
    for (const [version, image] of [['1.0', 'nginx:latest'], ['1.1', 'nginx:1.27']]) {
      expect((await api(createApp, '/v1/app', { json: spec({ version, image }) })).status).toBe(200);
    }
    const bad = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { json: { deployName: 'Shop_1', appName: 'shop', version: '1.0', cluster: '', nodeLabel: '', comment: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('deployName');
    const res = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { json: { deployName: 'shop', appName: 'shop', version: '1.0', cluster: 'local', nodeLabel: '', comment: 'please' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 0 });
    id = res.body.id;
    first = res.body.requestId;
    expect(await pendingCount('ops')).toBe(1);
    expect(await pendingCount('admin')).toBe(1);
    expect(await pendingCount('oadmin')).toBe(0);
    expect(await pendingCount('dev')).toBe(0);
    const q = await queue('');
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ total: 1, items: [{ seq: first, appName: 'shop', version: '1.0', businessName: 'alpha', requestedBy: 'dev', clusters: ['local'], type: 1, status: 0, comment: 'please' }] });
    expect((await queue('', 'dev')).status).toBe(403);
    expect((await queue('', 'oadmin')).body.total).toBe(0);
    expect((await queue('?status=busy')).status).toBe(400);
  });

  it('the request page shows the diff and the pull warning; rejecting needs a comment; a second decision is 409', async () => {
    const r = await api(requestRoute.GET, `/api/pier/deploy/requests/${first}`, { as: 'ops', params: { id: String(first) } });
    expect(r.status).toBe(200);
    expect(r.body.request).toMatchObject({ seq: first, deployName: 'shop', comment: 'please' });
    const objs = r.body.diff.clusters[0].objects;
    expect(r.body.diff.clusters[0].cluster).toBe('local');
    expect(objs.map((o: { kind: string; action: string }) => `${o.kind}:${o.action}`).sort()).toEqual(['Deployment:create', 'Service:create']);
    expect(r.body.diff.pullWarning).toContain('nginx:latest');
    expect((await api(requestRoute.GET, `/api/pier/deploy/requests/${first}`, { as: 'oadmin', params: { id: String(first) } })).status).toBe(404);

    const rows = await auditRows();
    const noComment = await decide(first, { status: 2, comment: '  ' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.fields).toHaveProperty('comment');
    const badStatus = await decide(first, { status: 5, comment: 'x' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.fields).toHaveProperty('status');
    expect(await auditRows()).toBe(rows);
    expect((await page(id)).body.deployment.status).toBe(0);

    expect((await decide(first, { status: 1, comment: '' })).status).toBe(200);
    const again = await decide(first, { status: 2, comment: 'too late' });
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('conflict');
    expect(await pendingCount('ops')).toBe(0);
  });

  it('the deployment page: live pods per cluster, the timeline, versions to move to', async () => {
    await rollOut();
    const p = await page(id);
    expect(p.status).toBe(200);
    expect(p.body.deployment).toMatchObject({ name: 'shop', version: '1.0', status: 5, editable: true, pods: { running: 2, error: 0, total: 2 } });
    expect(p.body.requests).toHaveLength(1);
    expect(p.body.requests[0]).toMatchObject({ type: 1, status: 5, requestedBy: 'dev', decidedBy: 'ops' });
    expect(p.body.versions.map((v: { version: string }) => v.version).sort()).toEqual(['1.0', '1.1']);
    expect(p.body.rollbackTo).toEqual([]);
    const pods = await api(podsRoute, `/api/pier/deploy/deployments/${id}/pods`, { params: { id: String(id) } });
    expect(pods.status).toBe(200);
    expect(pods.body.clusters[0]).toMatchObject({ cluster: 'local', running: 2, total: 2 });
    expect(pods.body.clusters[0].pods.every((x: { phase: string; ready: boolean }) => x.phase === 'Running' && x.ready)).toBe(true);
    expect((await page(id, 'odev')).status).toBe(404);
    const list = await api(deploymentsRoute.GET, '/api/pier/deploy/deployments?appName=sho');
    expect(list.body).toMatchObject({ total: 1, items: [{ name: 'shop', status: 5, editable: true }] });
  });

  it('preview shows what an upgrade changes before it is asked; a rejected upgrade keeps 1.0 and its comment shows', async () => {
    const prev = await api(previewRoute, `/api/pier/deploy/deployments/${id}/preview?version=1.1`, { params: { id: String(id) } });
    expect(prev.status).toBe(200);
    const dep = prev.body.clusters[0].objects.find((o: { kind: string }) => o.kind === 'Deployment');
    expect(dep.action).toBe('update');
    expect(dep.changes).toContainEqual({ path: 'spec.template.spec.containers[0].image', from: 'nginx:latest', to: 'nginx:1.27' });
    expect((await api(previewRoute, `/api/pier/deploy/deployments/${id}/preview?version=9.9`, { params: { id: String(id) } })).status).toBe(404);
    const removal = await api(previewRoute, `/api/pier/deploy/deployments/${id}/preview`, { params: { id: String(id) } });
    expect(removal.body.clusters[0].objects.every((o: { action: string }) => o.action === 'delete')).toBe(true);

    const up = await api(upgradeRoute, `/api/pier/deploy/deployments/${id}/upgrade`, { json: { version: '1.1', comment: 'new image' }, params: { id: String(id) } });
    expect(up.status).toBe(201);
    expect((await api(rollbackRoute, `/api/pier/deploy/deployments/${id}/rollback`, { json: { version: '1.0', comment: 'x' }, params: { id: String(id) } })).status).toBe(409);
    expect((await decide(up.body.requestId, { status: 2, comment: 'freeze week' })).status).toBe(200);
    await rollOut(2);
    const p = await page(id);
    expect(p.body.deployment).toMatchObject({ version: '1.0', status: 2, auditComment: 'freeze week', editable: true });
    expect(p.body.requests.map((r: { type: number; status: number }) => [r.type, r.status])).toEqual([[1, 5], [2, 2]]);
    const decided = await queue('?status=decided&appName=shop&businessName=alpha');
    expect(decided.body.total).toBe(2);
    expect(decided.body.items[0]).toMatchObject({ status: 2, auditComment: 'freeze week' });
    expect((await queue('?status=2')).body.total).toBe(1);
    expect((await queue('?status=decided&appName=other')).body.total).toBe(0);
    expect((await queue('?status=decided&businessName=beta')).body.total).toBe(0);
  });

  it('bulk approve decides each request on its own and says which were already decided', async () => {
    expect((await api(createApp, '/v1/app', { json: spec({ appName: 'blog', version: '1.0' }) })).status).toBe(200);
    const b = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { json: { deployName: 'blog', appName: 'blog', version: '1.0', cluster: 'local', nodeLabel: '', comment: '' } });
    const up = await api(upgradeRoute, `/api/pier/deploy/deployments/${id}/upgrade`, { json: { version: '1.1', comment: 'again' }, params: { id: String(id) } });
    expect(await pendingCount('ops')).toBe(2);
    expect((await api(approveRoute, '/api/pier/deploy/requests/approve', { as: 'ops', json: { ids: [] } })).status).toBe(400);
    expect((await api(approveRoute, '/api/pier/deploy/requests/approve', { as: 'dev', json: { ids: [b.body.requestId] } })).status).toBe(403);
    const res = await api(approveRoute, '/api/pier/deploy/requests/approve', { as: 'ops', json: { ids: [b.body.requestId, up.body.requestId, first] } });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: b.body.requestId, ok: true },
      { id: up.body.requestId, ok: true },
      { id: first, ok: false, status: 409, message: expect.stringContaining('already decided') },
    ]);
    expect(await pendingCount('ops')).toBe(0);
    await rollOut();
    expect((await page(id)).body.deployment).toMatchObject({ version: '1.1', status: 5 });
    expect((await page(id)).body.rollbackTo).toEqual(['1.0']);
  });

  it('stale pod counts are refreshed in bounded batches after a rollout settles', async () => {
    await w.db.update(deployments).set({ pods: { running: 0, error: 0, total: 0 } }).where(isNull(deployments.deletedAt));
    // One at a time: the first pass re-counts the first deployment only.
    let cursor = await refreshPodCounts(w.db, 0, 1);
    const rows = async () => (await w.db.select({ seq: deployments.seq, pods: deployments.pods }).from(deployments).orderBy(deployments.seq));
    let r = await rows();
    expect(r[0].pods).toEqual({ running: 2, error: 0, total: 2 });
    expect(r[1].pods).toEqual({ running: 0, error: 0, total: 0 });
    cursor = await refreshPodCounts(w.db, cursor, 1);
    r = await rows();
    expect(r[1].pods).toEqual({ running: 2, error: 0, total: 2 });
    // Past the end it starts over.
    expect(await refreshPodCounts(w.db, cursor, 1)).toBe(r[0].seq);
  });

  it('rollback and delete from the console go through the queue', async () => {
    const p = { id: String(id) };
    expect((await api(rollbackRoute, `/api/pier/deploy/deployments/${id}/rollback`, { json: { version: '1.0' }, params: p })).status).toBe(400);
    const back = await api(rollbackRoute, `/api/pier/deploy/deployments/${id}/rollback`, { json: { version: '1.0', comment: 'back' }, params: p });
    expect(back.status).toBe(201);
    expect((await decide(back.body.requestId, { status: 1, comment: '' })).status).toBe(200);
    await rollOut();
    expect((await page(id)).body.deployment).toMatchObject({ version: '1.0', status: 5, deployType: 3 });
    const del = await api(deploymentRoute.DELETE, `/api/pier/deploy/deployments/${id}`, { method: 'DELETE', json: { comment: 'done' }, params: p });
    expect(del.status).toBe(200);
    expect((await api(deploymentRoute.DELETE, `/api/pier/deploy/deployments/${id}`, { method: 'DELETE', json: {}, params: p })).status).toBe(409);
    expect((await decide(del.body.requestId, { status: 1, comment: '' })).status).toBe(200);
    await rollOut();
    const after = await page(id);
    expect(after.body.deployment).toMatchObject({ status: 9, deployType: 4, editable: false });
    const pods = await api(podsRoute, `/api/pier/deploy/deployments/${id}/pods`, { params: p });
    expect(pods.body.clusters).toEqual([]);
  });

  it('a version with repositoryId gets its dockerconfigjson pull Secret written before the workload', async () => {
    const ctx = { db: w.db, user: await loadCaller(w.db, 'dev'), clock, source: 'test' };
    await createThirdRegistry(ctx, { name: 'hub', address: 'registry.example.com:5000', username: 'robot', password: 's3cret' });
    expect((await api(createApp, '/v1/app', { json: spec({ appName: 'priv', version: '1.0', image: 'registry.example.com:5000/team/priv:1', repositoryId: 'hub' }) })).status).toBe(200);
    const res = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { as: 'ops', json: { deployName: 'priv', appName: 'priv', version: '1.0', cluster: 'local', nodeLabel: '', comment: '', projectName: 'alpha' } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe(1);
    await advanceRollouts(w.db, clock);
    const c = await clientsByName(w.db, 'local');
    const secret = await getObject(c, { apiVersion: 'v1', kind: 'Secret' }, 'pier-registry-hub', 'alpha') as { type?: string; data?: Record<string, string> };
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(secret.data!['.dockerconfigjson'], 'base64').toString());
    expect(config).toEqual({ auths: { 'registry.example.com:5000': { username: 'robot', password: 's3cret', auth: Buffer.from('robot:s3cret').toString('base64') } } });
    const dep = await getObject(c, { apiVersion: 'apps/v1', kind: 'Deployment' }, 'priv', 'alpha') as { spec: { template: { spec: { imagePullSecrets?: { name: string }[] } } } };
    expect(dep.spec.template.spec.imagePullSecrets).toEqual([{ name: 'pier-registry-hub' }]);
  });

  it('restart: a rollout whose worker died holding the lease is finished by the next worker once the lease lapses, written once', async () => {
    const res = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { as: 'ops', json: { deployName: 'again', appName: 'shop', version: '1.0', cluster: 'local', nodeLabel: '', comment: '', projectName: 'alpha' } });
    expect(res.status).toBe(201);
    await advanceRollouts(w.db, clock);
    const [r] = await w.db.select().from(deployRequests).where(eq(deployRequests.seq, res.body.requestId));
    expect(r.status).toBe(4);
    const c = await clientsByName(w.db, 'local');
    const before = await getObject(c, { apiVersion: 'apps/v1', kind: 'Deployment' }, 'again', 'alpha');
    // The instance that claimed it died mid-pass: its lease still stands.
    await w.db.update(deployRequests).set({ leaseUntil: new Date(clock.now().getTime() + 30_000) }).where(eq(deployRequests.id, r.id));
    const held = async () => (await w.db.select().from(deployRequests).where(eq(deployRequests.id, r.id)))[0];
    const untouched = await held();
    await advanceRollouts(w.db, clock);
    expect(await held()).toEqual(untouched);
    clock.advance(31_000);
    for (let i = 0; i < 30 && (await held()).status === 4; i++) {
      await advanceRollouts(w.db, clock);
      await runFor(m!, clock, 5_000);
    }
    expect((await held()).status).toBe(5);
    const after = await getObject(c, { apiVersion: 'apps/v1', kind: 'Deployment' }, 'again', 'alpha');
    expect(after.metadata?.generation).toBe(before.metadata?.generation);
    expect(after.metadata?.annotations?.['pier.io/ote-request']).toBe(r.id);
  });

  it('a pull Secret goes when the last workload of the namespace naming it goes; one Pier did not write stays', async () => {
    const c = await clientsByName(w.db, 'local');
    const secretRef = { apiVersion: 'v1', kind: 'Secret' };
    const exists = async (name: string) => getObject(c, secretRef, name, 'alpha').then(() => true, (err) => {
      if (err instanceof NotFound) return false;
      throw err;
    });
    const deploy = async (deployName: string, appName: string, version = '1.0') => {
      const res = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { as: 'ops', json: { deployName, appName, version, cluster: 'local', nodeLabel: '', comment: '', projectName: 'alpha' } });
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    const seqOf = async (name: string) => (await w.db.select({ seq: deployments.seq }).from(deployments).where(and(eq(deployments.name, name), isNull(deployments.deletedAt))))[0].seq;
    const remove = async (seq: number) => expect((await api(deploymentRoute.DELETE, `/api/pier/deploy/deployments/${seq}`, { as: 'ops', method: 'DELETE', json: { comment: 'gone' }, params: { id: String(seq) } })).status).toBe(200);
    // 'priv' (previous test) names registry hub; its image is not in the catalog, so its rollout only ends at the deadline.
    clock.advance(DEADLINE_MS + 1_000);
    await rollOut();
    expect((await page(await seqOf('priv'))).body.deployment).toMatchObject({ version: '1.0', editable: true });
    // A second deployment names the same registry.
    expect((await api(createApp, '/v1/app', { json: spec({ appName: 'priv2', version: '1.0', repositoryId: 'hub' }) })).status).toBe(200);
    const priv2 = await deploy('priv2', 'priv2');
    await rollOut();
    expect(await exists('pier-registry-hub')).toBe(true);

    // 'priv' moves to a version without the registry: priv2 still names the Secret, it stays.
    expect((await api(createApp, '/v1/app', { json: spec({ appName: 'priv', version: '1.1', image: 'nginx:latest' }) })).status).toBe(200);
    const priv = await seqOf('priv');
    expect((await api(upgradeRoute, `/api/pier/deploy/deployments/${priv}/upgrade`, { as: 'ops', json: { version: '1.1', comment: '' }, params: { id: String(priv) } })).status).toBe(201);
    await rollOut();
    expect((await page(priv)).body.deployment).toMatchObject({ version: '1.1', status: 5 });
    expect(await exists('pier-registry-hub')).toBe(true);

    // An open request of another deployment that names the registry keeps it wanted until its workload names it.
    const [pending] = await w.db.select().from(deployRequests).where(eq(deployRequests.status, 1));
    expect(pending).toBeUndefined();
    expect(await pullSecretsWanted(w.db, 'alpha', 'local', 'none')).toEqual(new Set());

    // The last one naming it is deleted: the Secret goes with it.
    await remove(priv2);
    await rollOut();
    expect((await page(priv2)).body.deployment).toMatchObject({ status: 9 });
    expect(await exists('pier-registry-hub')).toBe(false);

    // A Secret of that name written by someone else (no Pier annotation) is never removed.
    await createObject(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pier-registry-byhand', namespace: 'alpha' }, type: 'Opaque', data: { k: Buffer.from('v').toString('base64') } });
    expect((await api(createApp, '/v1/app', { json: spec({ appName: 'hand', version: '1.0', repositoryId: 'byhand' }) })).status).toBe(200);
    const hand = await deploy('hand', 'hand');
    await rollOut();
    await remove(hand);
    await rollOut();
    expect((await page(hand)).body.deployment).toMatchObject({ status: 9 });
    expect(await exists('pier-registry-byhand')).toBe(true);
  });

  it('a Secret an approved request of the namespace is about to use counts as wanted', async () => {
    const c = await clientsByName(w.db, 'local');
    expect((await api(createApp, '/v1/app', { json: spec({ appName: 'priv3', version: '1.0', repositoryId: 'hub' }) })).status).toBe(200);
    const res = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { as: 'ops', json: { deployName: 'priv3', appName: 'priv3', version: '1.0', cluster: 'local', nodeLabel: '', comment: '', projectName: 'alpha' } });
    expect(res.body.status).toBe(1);
    expect(await pullSecretsWanted(w.db, 'alpha', 'local', 'other')).toEqual(new Set(['pier-registry-hub']));
    // Not on another cluster, and not for the request itself.
    expect(await pullSecretsWanted(w.db, 'alpha', 'elsewhere', 'other')).toEqual(new Set());
    const [r] = await w.db.select().from(deployRequests).where(eq(deployRequests.seq, res.body.requestId));
    expect(await pullSecretsWanted(w.db, 'alpha', 'local', r.id)).toEqual(new Set());
    await rollOut();
    expect(((await getObject(c, { apiVersion: 'v1', kind: 'Secret' }, 'pier-registry-hub', 'alpha')).metadata?.annotations ?? {})['pier.io/third-registry']).toBe('hub');
  });

  it('a sole instance (PGlite) takes over the leases a killed process left at once, without waiting for them to lapse', async () => {
    expect((await api(createApp, '/v1/app', { json: spec({ appName: 'sole', version: '1.0' }) })).status).toBe(200);
    const res = await api(deploymentsRoute.POST, '/api/pier/deploy/deployments', { as: 'ops', json: { deployName: 'sole', appName: 'sole', version: '1.0', cluster: 'local', nodeLabel: '', comment: '', projectName: 'alpha' } });
    expect(res.status).toBe(201);
    await advanceRollouts(w.db, clock);
    const held = async () => (await w.db.select().from(deployRequests).where(eq(deployRequests.seq, res.body.requestId)))[0];
    expect((await held()).status).toBe(4);
    await w.db.update(deployRequests).set({ leaseUntil: new Date(clock.now().getTime() + 30_000) }).where(eq(deployRequests.seq, res.body.requestId));
    const before = await held();
    await advanceRollouts(w.db, clock);
    expect(await held()).toEqual(before);
    expect(await releaseStaleLeases(w.db)).toBe(1);
    expect((await held()).leaseUntil).toBeNull();
    // Nothing is left to release the second time.
    expect(await releaseStaleLeases(w.db)).toBe(0);
    for (let i = 0; i < 30 && (await held()).status === 4; i++) {
      await advanceRollouts(w.db, clock);
      await runFor(m!, clock, 5_000);
    }
    expect((await held()).status).toBe(5);
  });
});
