import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { POST as createApp, DELETE as deleteApps } from '@/app/v1/app/route';
import { POST as uploadChart } from '@/app/v1/app/chart/route';
import { GET as listDeploys, POST as createDeploy } from '@/app/v1/deploy/route';
import { POST as install } from '@/app/v1/deploy/install/route';
import * as byId from '@/app/v1/deploy/id/[deployId]/route';
import { DELETE as deleteByName } from '@/app/v1/deploy/[deployName]/route';
import * as admin from '@/app/v1/admin/deploy/route';
import * as diffRoute from '@/app/v1/admin/deploy/[id]/diff/route';
import { clusters, deployRequests } from '@/db/schema';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { clientsByName, getObject } from '@/lib/cluster/adapter';
import { defaultControllers } from '@/lib/cluster/sim/controllers';
import { ClusterManager } from '@/lib/cluster/sim/controllers/manager';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { BASE, body, call, request, type RequestOptions } from '@/lib/testing/http';
import { fixedClock } from '@/lib/testing/clock';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { appBody, chartPackage, multipart } from '@/lib/catalog/testing/fixtures';
import { advanceRollouts } from './worker';

/**
 * ote deployments end to end: route handlers, the audit, the rollout worker
 * applying through the adapter over real HTTP to the simulated cluster
 * `local`, whose controllers (Deployment, ReplicaSet, scheduler, kubelet)
 * run on a test clock.
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
});
afterAll(async () => {
  await m?.stop();
  await server?.close();
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function ote(handler: unknown, path: string, o: RequestOptions & { as?: UserName; params?: Record<string, string> } = {}) {
  const { as = 'dev', params, ...rest } = o;
  const res = await call(handler as Handler, request(path, { ...rest, token: tokens[as] }), params ?? {});
  return { status: res.status, body: await body(res) };
}

const spec = (over: Record<string, unknown> = {}) => appBody({
  appName: 'web', image: 'nginx:latest', replicas: 2, minReplicas: 1, maxReplicas: 4, isHPA: false, port: [{ port: 80 }], volume: [],
  repositoryId: undefined, minReadySeconds: 0, minCPU: 10, maxCPU: 50, minMemory: 32, maxMemory: 64, ...over,
});

/** Worker passes and controller time until the request settles (or the budget runs out). */
async function rollOut(maxPasses = 30) {
  for (let i = 0; i < maxPasses; i++) {
    await advanceRollouts(w.db, clock);
    const open = await w.db.select({ s: deployRequests.status }).from(deployRequests);
    if (!open.some((r) => [1, 3, 4].includes(r.s))) return;
    await runFor(m!, clock, 5_000);
  }
}

const detail = async (id: number, field = '') => (await ote(byId.GET, `/v1/deploy/id/${id}${field ? `?field=${field}` : ''}`, { params: { deployId: String(id) } })).body.data;
const pending = async (as: UserName = 'ops') => (await ote(admin.GET, '/v1/admin/deploy?status=0&pageSize=0', { as })).body;
const decide = (id: number, status: number, comment: string, as: UserName = 'ops') =>
  ote(admin.PUT, '/v1/admin/deploy', { as, method: 'PUT', json: { id, status, comment } });
const liveDeployment = async (name: string) => getObject(await clientsByName(w.db, 'local'), { apiVersion: 'apps/v1', kind: 'Deployment' }, name, 'alpha');

describe('ote deployments through the audit queue', () => {
  let deployId = 0;

  it('dev asks, ops approves, the rollout reaches success with running = replicas', async () => {
    for (const [version, image] of [['1.0', 'nginx:latest'], ['1.1', 'nginx:1.27'], ['1.2', 'nginx:alpine']]) {
      expect((await ote(createApp, '/v1/app', { json: spec({ version, image }) })).status).toBe(200);
    }
    const res = await ote(createDeploy, '/v1/deploy', { json: { deployName: 'web', appName: 'web', version: '1.0', cluster: 'local', nodeLabel: '', comment: 'first' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 200, message: 'success', data: { deployName: 'web', status: 0 } });
    deployId = res.body.data.id;
    let d = await detail(deployId);
    expect(d).toMatchObject({ deployName: 'web', appName: 'web', version: '1.0', cluster: 'local', deployType: 1, status: 0, editable: false, comment: 'first' });

    // Nothing happens while it waits.
    expect(await advanceRollouts(w.db, clock)).toBe(0);
    const queue = await pending('ops');
    expect(queue.total).toBe(1);
    expect(queue.data[0]).toMatchObject({ businessName: 'alpha', appName: 'web', version: '1.0', cluster: 'local', deployId, deployType: 1, status: 0 });
    expect((await pending('oadmin')).total).toBe(0);
    expect((await ote(admin.GET, '/v1/admin/deploy', { as: 'dev' })).status).toBe(403);
    expect((await decide(queue.data[0].id, 1, 'ok', 'oadmin')).status).toBe(404);
    expect((await decide(queue.data[0].id, 1, 'ok', 'dev')).status).toBe(403);

    const ok = await decide(queue.data[0].id, 1, 'looks good');
    expect(ok.status).toBe(200);
    const again = await decide(queue.data[0].id, 2, 'changed my mind');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(409);

    await rollOut();
    d = await detail(deployId);
    expect(d).toMatchObject({ status: 5, deployType: 1, version: '1.0', editable: true, auditComment: 'looks good' });
    expect(JSON.parse(d.errorMessage)).toEqual({ running: 2, error: 0, total: 2 });
    const live = await liveDeployment('web');
    expect((live.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image).toBe('nginx:latest');
  });

  it('a rejected upgrade leaves the running version alone and shows the comment', async () => {
    const up = await ote(byId.POST, `/v1/deploy/id/${deployId}`, { json: { version: '1.1' }, params: { deployId: String(deployId) } });
    expect(up.status).toBe(200);
    expect((await detail(deployId))).toMatchObject({ status: 0, deployType: 2, editable: false });
    // Any other change while it is pending: 409.
    expect((await ote(byId.PUT, `/v1/deploy/id/${deployId}`, { method: 'PUT', json: { version: '1.1', comment: '' }, params: { deployId: String(deployId) } })).status).toBe(409);
    expect((await ote(deleteByName, '/v1/deploy/web', { method: 'DELETE', params: { deployName: 'web' } })).status).toBe(409);
    const id = (await pending()).data[0].id;
    const diff = await ote(diffRoute.GET, `/v1/admin/deploy/${id}/diff`, { as: 'ops', params: { id: String(id) } });
    expect(diff.status).toBe(200);
    const dep = diff.body.data.clusters[0].objects.find((o: { kind: string }) => o.kind === 'Deployment');
    expect(dep.action).toBe('update');
    expect(dep.changes).toContainEqual({ path: 'spec.template.spec.containers[0].image', from: 'nginx:latest', to: 'nginx:1.27' });
    expect(diff.body.data.clusters[0].objects.find((o: { kind: string }) => o.kind === 'Service').changes.every((c: { path: string }) => c.path.includes('app-version'))).toBe(true);
    // The test store's image catalog is empty, so the audit page is warned.
    expect(diff.body.data.pullWarning).toContain('nginx:1.27');
    expect((await ote(diffRoute.GET, `/v1/admin/deploy/${id}/diff`, { as: 'dev', params: { id: String(id) } })).status).toBe(403);
    expect((await ote(diffRoute.GET, `/v1/admin/deploy/${id}/diff`, { as: 'oadmin', params: { id: String(id) } })).status).toBe(404);
    const noComment = await decide(id, 2, ' ');
    expect(noComment.status).toBe(400);
    expect(noComment.body.message).toContain('comment');
    expect((await decide(id, 2, 'not this week')).status).toBe(200);
    await rollOut(2);
    const d = await detail(deployId);
    expect(d).toMatchObject({ status: 2, deployType: 2, version: '1.0', auditComment: 'not this week', editable: true });
    const live = await liveDeployment('web');
    expect((live.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image).toBe('nginx:latest');
  });

  it('refuses an upgrade to the running version and a rollback to a version never run', async () => {
    const p = { deployId: String(deployId) };
    const same = await ote(byId.POST, `/v1/deploy/id/${deployId}`, { json: { version: '1.0' }, params: p });
    expect(same.status).toBe(409);
    const never = await ote(byId.PUT, `/v1/deploy/id/${deployId}`, { method: 'PUT', json: { version: '1.2', comment: 'back' }, params: p });
    expect(never.status).toBe(409);
    expect(never.body.message).toContain('never ran');
    const missing = await ote(byId.POST, `/v1/deploy/id/${deployId}`, { json: { version: '9.9' }, params: p });
    expect(missing.status).toBe(404);
  });

  it('upgrades, then rolls back to a version it ran; history lists both', async () => {
    const p = { deployId: String(deployId) };
    expect((await ote(byId.POST, `/v1/deploy/id/${deployId}`, { json: { version: '1.1', comment: 'again' }, params: p })).status).toBe(200);
    expect((await decide((await pending()).data[0].id, 1, 'fine')).status).toBe(200);
    await rollOut();
    expect(await detail(deployId)).toMatchObject({ status: 5, version: '1.1', deployType: 2 });
    let live = await liveDeployment('web');
    expect((live.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image).toBe('nginx:1.27');

    expect((await ote(byId.PUT, `/v1/deploy/id/${deployId}`, { method: 'PUT', json: { version: '1.0', comment: 'back' }, params: p })).status).toBe(200);
    expect((await decide((await pending()).data[0].id, 1, 'ok')).status).toBe(200);
    await rollOut();
    const d = await detail(deployId, 'historyVersion');
    expect(d).toMatchObject({ status: 5, version: '1.0', deployType: 3, historyVersion: ['1.0', '1.1'] });
    live = await liveDeployment('web');
    expect((live.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image).toBe('nginx:latest');
  });

  it('never applies a request twice: a crash between the write and its record is recognised', async () => {
    const p = { deployId: String(deployId) };
    expect((await ote(byId.POST, `/v1/deploy/id/${deployId}`, { json: { version: '1.2' }, params: p })).status).toBe(200);
    const auditId = (await pending()).data[0].id;
    expect((await decide(auditId, 1, 'go')).status).toBe(200);
    await advanceRollouts(w.db, clock);
    const [r] = await w.db.select().from(deployRequests).where(eq(deployRequests.seq, auditId));
    expect(r.status).toBe(4);
    const before = await liveDeployment('web');
    // As if Pier died after writing to the cluster but before recording it.
    await w.db.update(deployRequests).set({ status: 3, progress: r.progress.map((x) => ({ ...x, applied: false })) }).where(eq(deployRequests.id, r.id));
    await advanceRollouts(w.db, clock);
    const after = await liveDeployment('web');
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect(after.metadata?.generation).toBe(before.metadata?.generation);
    await rollOut();
    expect(await detail(deployId)).toMatchObject({ status: 5, version: '1.2' });
  });

  it('a version in use cannot leave the catalog', async () => {
    const [v] = (await ote((await import('@/app/v1/app/route')).GET, '/v1/app?appName=web&appNameMode=strict&version=1.0')).body.apps;
    const res = await ote(deleteApps, '/v1/app', { method: 'DELETE', json: { appId: [v.id] } });
    expect(res.status).toBe(409);
  });

  it('deletes through the queue: the objects leave the cluster and the deployment shows 9', async () => {
    expect((await ote(deleteByName, '/v1/deploy/web', { method: 'DELETE', params: { deployName: 'web' } })).status).toBe(200);
    expect(await detail(deployId)).toMatchObject({ deployType: 4, status: 0 });
    expect((await decide((await pending()).data[0].id, 1, 'bye')).status).toBe(200);
    await rollOut();
    expect(await detail(deployId)).toMatchObject({ deployType: 4, status: 9, editable: false });
    await expect(liveDeployment('web')).rejects.toMatchObject({ status: 404 });
    // The name is free again.
    const again = await ote(install, '/v1/deploy/install', { json: { deployName: 'web', appName: 'web', version: '1.0', cluster: '', nodeLabel: '', comment: '' } });
    expect(again.status).toBe(200);
  });
});

describe('deployment requests: who, and bad input', () => {
  it('an administrator\'s own request is approved at once and recorded so', async () => {
    expect((await ote(createApp, '/v1/app', { as: 'ops', json: spec({ appName: 'opsapp', version: '1.0', projectName: 'beta' }) })).status).toBe(200);
    const res = await ote(createDeploy, '/v1/deploy', { as: 'ops', json: { deployName: 'opsweb', appName: 'opsapp', version: '1.0', cluster: '', nodeLabel: '', comment: '', projectName: 'beta' } });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe(1);
    const all = await ote(admin.GET, '/v1/admin/deploy?businessName=beta', { as: 'ops' });
    expect(all.body.data[0]).toMatchObject({ status: 1, decidedBy: 'ops', businessName: 'beta' });
  });

  it('names the field, answers 404 / 409 as the issue says, and changes nothing', async () => {
    const base = { deployName: 'bad', appName: 'web', version: '1.0', cluster: '', nodeLabel: '', comment: '' };
    const before = (await w.db.select().from(deployRequests)).length;
    for (const [over, status, field] of [
      [{ deployName: 'Bad_Name' }, 400, 'deployName'],
      [{ deployName: undefined }, 400, 'deployName'],
      [{ appName: undefined }, 400, 'appName'],
      [{ version: 'x' }, 400, 'version'],
      [{ cluster: undefined }, 400, 'cluster'],
      [{ nodeLabel: undefined }, 400, 'nodeLabel'],
      [{ comment: undefined }, 400, 'comment'],
      [{ cluster: 'no-such=cluster' }, 400, 'cluster'],
      [{ cluster: '=oops' }, 400, 'cluster'],
      [{ nodeLabel: 'a in (b c)' }, 400, 'nodeLabel'],
      [{ extra: 1 }, 400, 'extra'],
      [{ appName: 'nope' }, 404, 'nope'],
      [{ version: '7.7' }, 404, '7.7'],
      [{ deployName: 'web' }, 409, 'web'],
    ] as [Record<string, unknown>, number, string][]) {
      const json: Record<string, unknown> = { ...base, ...over };
      for (const [k, v] of Object.entries(over)) if (v === undefined) delete json[k];
      const res = await ote(createDeploy, '/v1/deploy', { json });
      expect(res.status, JSON.stringify(over)).toBe(status);
      expect(res.body.message, JSON.stringify(over)).toContain(field);
    }
    expect((await ote(createDeploy, '/v1/deploy', { as: 'guest', json: { ...base, deployName: 'g' } })).status).toBe(403);
    expect((await w.db.select().from(deployRequests)).length).toBe(before);
  });

  it('refuses to deploy a chart version, saying it is a later issue', async () => {
    const mp = multipart({ appName: 'chartapp', version: '1.0' }, { field: 'chart', name: 'c.tgz', body: chartPackage() });
    const up = await call(uploadChart, new Request(`${BASE}/v1/app/chart`, { method: 'POST', headers: { 'content-type': mp.contentType, 'x-auth-token': tokens.dev }, body: new Uint8Array(mp.body) }));
    expect(up.status).toBe(200);
    const res = await ote(createDeploy, '/v1/deploy', { json: { deployName: 'charted', appName: 'chartapp', version: '1.0', cluster: '', nodeLabel: '', comment: '' } });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('later issue');
  });

  it('lists with paging, the field projection, appName modes and the editable / running filters; admin list answers 422 for bad parameters', async () => {
    const l = await ote(listDeploys, '/v1/deploy?pageSize=0');
    expect(l.body.total).toBe(l.body.data.length);
    const names = l.body.data.map((d: { deployName: string }) => d.deployName);
    expect(names).toContain('web');
    expect(names).not.toContain('opsweb');
    const proj = await ote(listDeploys, '/v1/deploy?field=deployName,status');
    expect(Object.keys(proj.body.data[0]).sort()).toEqual(['deployName', 'status']);
    const strict = await ote(listDeploys, '/v1/deploy?appName=we&appNameMode=strict');
    expect(strict.body.total).toBe(0);
    const prefix = await ote(listDeploys, '/v1/deploy?appName=we&appNameMode=prefix');
    expect(prefix.body.total).toBeGreaterThan(0);
    const noEdit = await ote(listDeploys, '/v1/deploy?editable=false&pageSize=0');
    expect(noEdit.body.data.every((d: { editable: boolean }) => !d.editable)).toBe(true);
    const running = await ote(listDeploys, '/v1/deploy?running=true&pageSize=0');
    expect(running.body.data.every((d: { status: number }) => d.status === 5 || d.status === 6)).toBe(true);
    expect((await ote(listDeploys, '/v1/deploy?editable=maybe')).status).toBe(400);
    const bad = await ote(admin.GET, '/v1/admin/deploy?order=up', { as: 'ops' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 422, data: null });
  });

  it('two administrators deciding at the same moment: one wins, the other gets 409', async () => {
    expect((await ote(createDeploy, '/v1/deploy', { json: { deployName: 'race', appName: 'web', version: '1.0', cluster: '', nodeLabel: '', comment: '' } })).status).toBe(200);
    const id = (await pending('admin')).data.find((r: { deployName: string }) => r.deployName === 'race').id;
    const [a, b] = await Promise.all([decide(id, 1, 'yes', 'ops'), decide(id, 2, 'no', 'admin')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [r] = await w.db.select().from(deployRequests).where(eq(deployRequests.seq, id));
    expect(r.status).toBe(a.status === 200 ? 1 : 2);
  });
});
