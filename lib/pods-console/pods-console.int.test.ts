import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clusters } from '@/db/schema';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { stopCaches } from '@/lib/cluster/adapter/cache';
import { ClusterManager, defaultControllers } from '@/lib/cluster/sim/controllers';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { LOCAL_CLUSTER } from '@/lib/cluster/sim/seed';
import * as listRoute from '@/app/api/pier/clusters/[name]/pods/route';
import * as streamRoute from '@/app/api/pier/clusters/[name]/pods/stream/route';
import * as podRoute from '@/app/api/pier/clusters/[name]/pods/[namespace]/[pod]/route';
import * as logRoute from '@/app/api/pier/clusters/[name]/pods/[namespace]/[pod]/log/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { fixedClock } from '@/lib/testing/clock';
import { BASE, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { PROJECT_LABEL } from '@/lib/cluster/namespaces/labels';
import type { PodList, PodStreamMessage } from './schema';

/**
 * The console's pod endpoints (dashboard list, live stream, a pod's page,
 * logs, delete) through their route handlers, against the simulated cluster
 * over HTTP with its controllers on a test clock.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer | undefined;
let manager: ClusterManager | undefined;
const clock = fixedClock();

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function list(query: Record<string, string> = {}, as: UserName = 'dev') {
  const res = await call(listRoute.GET as Handler, request(`/api/pier/clusters/local/pods?${new URLSearchParams(query)}`, { token: tokens[as] }), { name: 'local' });
  return { status: res.status, body: await res.json() as PodList & { error?: { message: string; fields?: Record<string, string> } } };
}

async function kubectl(method: string, path: string, json?: unknown) {
  const res = await call(k8sRoute.GET, request(`/k8s/local${path}`, { method, token: tokens.admin, json }), { cluster: 'local', path: path.split('/').filter(Boolean) });
  return { status: res.status, body: await res.json() };
}

const pod = (name: string, image = 'nginx:alpine') => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name, tier: 'test' } },
  spec: { containers: [{ name: 'main', image }] },
});

/** Polls `read` until `ok` holds (the watch cache catches up within its poll interval); gives up after 100 tries. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 100 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}

/** Opens the stream; `next(ok)` reads messages until one passes `ok` (or the stream ends), `stop()` drops it. */
async function openStream(query: Record<string, string>, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const h = new Headers({ 'x-auth-token': tokens.dev, 'x-pier-peer-address': '192.0.2.10', ...headers });
  const req = new Request(`${BASE}/api/pier/clusters/local/pods/stream?${new URLSearchParams(query)}`, { headers: h, signal: abort.signal });
  const res = await call(streamRoute.GET as Handler, req, { name: 'local' });
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const seen: Array<{ id?: string; msg: PodStreamMessage }> = [];
  return {
    res,
    seen,
    async next(ok: (m: PodStreamMessage) => boolean): Promise<PodStreamMessage | undefined> {
      for (;;) {
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          const msg = JSON.parse(data) as PodStreamMessage;
          seen.push({ id: /^id: (.*)$/m.exec(block)?.[1], msg });
          if (ok(msg)) return msg;
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buf += dec.decode(value, { stream: true });
      }
    },
    stop: () => abort.abort(),
  };
}

beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'dev', 'guest', 'ops'] as UserName[]) tokens[who] = await tokenFor(w, who);
  const [local] = await w.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, LOCAL_CLUSTER));
  manager = new ClusterManager({ sim: { db: w.db, clock, clusterId: local.id }, controllers: defaultControllers(), log: () => undefined });
  for (const [ns, name, image] of [['alpha', 'web-1', 'nginx:alpine'], ['alpha', 'web-2', 'nginx:alpine'], ['alpha', 'lost-1', 'nowhere/missing:9'], ['beta', 'beta-1', 'nginx:alpine']]) {
    expect((await kubectl('POST', `/api/v1/namespaces/${ns}/pods`, pod(name, image))).status).toBe(201);
  }
  await runFor(manager, clock, 60_000);
}, 180_000);

afterAll(async () => {
  stopCaches();
  await manager?.stop();
  await server?.close();
});

describe('GET /api/pier/clusters/<name>/pods', () => {
  it('the namespaces the caller may see, with counts by group; filters narrow the rows, not the counts', async () => {
    const r = await until(() => list(), (x) => x.body.counts?.running === 2 && x.body.counts.failed === 1);
    expect(r.status).toBe(200);
    expect(r.body.namespaces).toContain('alpha');
    expect(r.body.namespaces).not.toContain('beta');
    expect(r.body.items.map((p) => p.name)).toEqual(['lost-1', 'web-1', 'web-2']);
    const web = r.body.items.find((p) => p.name === 'web-1')!;
    expect(web).toMatchObject({ namespace: 'alpha', status: 'Running', group: 'running', ready: '1/1', restarts: 0, images: ['nginx:alpine'] });
    expect(web.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(r.body.items.find((p) => p.name === 'lost-1')).toMatchObject({ status: 'ImagePullBackOff', group: 'failed' });

    expect((await list({ status: 'imagepullbackoff' })).body.items.map((p) => p.name)).toEqual(['lost-1']);
    expect((await list({ group: 'running' })).body.items).toHaveLength(2);
    const narrowed = await list({ label: 'app in (web-1,lost-1),tier=test' });
    expect(narrowed.body.items.map((p) => p.name)).toEqual(['lost-1', 'web-1']);
    expect(narrowed.body.counts.total).toBe(3);
    expect((await list({ label: '!app' })).body.items).toHaveLength(0);
    expect((await list({ q: 'WEB-2' })).body.items.map((p) => p.name)).toEqual(['web-2']);
    expect((await list({ q: 'missing' })).body.items.map((p) => p.name)).toEqual(['lost-1']);
    expect((await list({ node: web.node })).body.items.every((p) => p.node === web.node)).toBe(true);
    expect((await list({ node: 'no-such-node' })).body.counts.total).toBe(0);
  });

  it('an administrator sees both projects\' namespaces; one namespace scopes to it', async () => {
    const all = await until(() => list({}, 'ops'), (x) => x.body.counts?.total === 4);
    expect(all.body.items.map((p) => `${p.namespace}/${p.name}`)).toEqual(['alpha/lost-1', 'alpha/web-1', 'alpha/web-2', 'beta/beta-1']);
    expect((await list({ namespace: 'beta' }, 'ops')).body.items.map((p) => p.name)).toEqual(['beta-1']);
  });

  it('pages: limit rows after the cursor, in the list\'s order, with the filtered total and the next cursor', async () => {
    const whole = await until(() => list({}, 'ops'), (x) => x.body.counts?.total === 4);
    expect(whole.body.next).toBeNull();
    expect(whole.body.total).toBe(4);
    const first = await list({ limit: '3' }, 'ops');
    expect(first.body.items.map((p) => `${p.namespace}/${p.name}`)).toEqual(['alpha/lost-1', 'alpha/web-1', 'alpha/web-2']);
    expect(first.body).toMatchObject({ total: 4, next: 'alpha/web-2', counts: whole.body.counts, resourceVersion: expect.any(String) });
    // The cursor crosses into the next namespace; the last page has no next.
    const rest = await list({ limit: '3', after: first.body.next! }, 'ops');
    expect(rest.body.items.map((p) => `${p.namespace}/${p.name}`)).toEqual(['beta/beta-1']);
    expect(rest.body.next).toBeNull();
    // Exactly full: no next either.
    expect((await list({ limit: '4' }, 'ops')).body.next).toBeNull();
    // Filters apply before paging; counts stay the scope's.
    const running = await list({ group: 'running', limit: '1' });
    expect(running.body.items.map((p) => p.name)).toEqual(['web-1']);
    expect(running.body).toMatchObject({ total: 2, next: 'alpha/web-1', counts: { total: 3 } });
    expect((await list({ group: 'running', limit: '1', after: 'alpha/web-1' })).body.items.map((p) => p.name)).toEqual(['web-2']);
    // A cursor need not be a row that exists (it was deleted meanwhile): the page starts after where it would be.
    expect((await list({ after: 'alpha/web-10' })).body.items.map((p) => p.name)).toEqual(['web-2']);
  });

  it('paging: bad limit or cursor names the field', async () => {
    for (const limit of ['0', '10001', 'ten', '1.5']) {
      const r = await list({ limit });
      expect(r.status, limit).toBe(400);
      expect(r.body.error?.fields, limit).toHaveProperty('limit');
    }
    for (const after of ['web-1', 'alpha/', '/web-1', 'Alpha/web-1', 'alpha/web-1/x']) {
      const r = await list({ after });
      expect(r.status, after).toBe(400);
      expect(r.body.error?.fields, after).toHaveProperty('after');
    }
    // The stream takes no paging: its parameters are the filters and since.
    const h = new Headers({ 'x-auth-token': tokens.dev, 'x-pier-peer-address': '192.0.2.10' });
    const res = await call(streamRoute.GET as Handler, new Request(`${BASE}/api/pier/clusters/local/pods/stream?limit=5`, { headers: h }), { name: 'local' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('limit');
  });

  it('bad input names the field; an invisible namespace is a 404', async () => {
    const bad = await list({ label: 'a in b' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toHaveProperty('label');
    expect((await list({ color: 'red' })).body.error?.fields).toHaveProperty('color');
    expect((await list({ group: 'sleeping' })).body.error?.fields).toHaveProperty('group');
    expect((await list({ namespace: 'Not_A_Label' })).body.error?.fields).toHaveProperty('namespace');
    expect((await list({ namespace: 'beta' })).status).toBe(404);
    const other = await call(listRoute.GET as Handler, request('/api/pier/clusters/nowhere/pods', { token: tokens.dev }), { name: 'nowhere' });
    expect(other.status).toBe(404);
  });
});

describe('scope from the namespace cache', () => {
  it('a namespace given to the caller\'s project a moment ago is listed at once; one taken away stops being listed', async () => {
    const ns = 'handed';
    // Through the cluster's API (as kubectl would): Pier's namespace cache learns of it only from its watch.
    expect((await kubectl('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { [PROJECT_LABEL]: w.projects.alpha.id } } })).status).toBe(201);
    // Asked for by name right away: the cluster is asked when the cache does not have it yet.
    const named = await list({ namespace: ns });
    expect(named.status).toBe(200);
    expect(named.body.items).toEqual([]);
    // The scope's list of namespaces has it once the watch has delivered it.
    expect((await until(() => list(), (x) => x.body.namespaces?.includes(ns))).body.namespaces).toContain(ns);
    // Given to another project: gone from the dev's scope once the watch has delivered it, and a 404 by name.
    const patched = await call(k8sRoute.PATCH, request(`/k8s/local/api/v1/namespaces/${ns}`, {
      method: 'PATCH', token: tokens.admin, headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { [PROJECT_LABEL]: w.projects.beta.id } } }),
    }), { cluster: 'local', path: ['api', 'v1', 'namespaces', ns] });
    expect(patched.status).toBe(200);
    const after = await until(() => list({ namespace: ns }), (x) => x.status === 404);
    expect(after.status).toBe(404);
    expect((await list()).body.namespaces).not.toContain(ns);
    expect((await kubectl('DELETE', `/api/v1/namespaces/${ns}`)).status).toBe(200);
  });
});

describe('the stream', () => {
  it('sends pods created and deleted meanwhile, scoped and filtered as the list; resumes from Last-Event-ID', async () => {
    const start = await list({ label: 'tier=test' });
    const s = await openStream({ label: 'tier=test', since: start.body.resourceVersion });
    expect(s.res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect((await kubectl('POST', '/api/v1/namespaces/beta/pods', pod('beta-2'))).status).toBe(201);
    expect((await kubectl('POST', '/api/v1/namespaces/alpha/pods', { ...pod('other-1'), metadata: { name: 'other-1', labels: { tier: 'other' } } })).status).toBe(201);
    expect((await kubectl('POST', '/api/v1/namespaces/alpha/pods', pod('live-1'))).status).toBe(201);
    const added = await s.next((m) => m.type === "ADDED");
    expect(added).toMatchObject({ type: 'ADDED', row: { namespace: 'alpha', name: 'live-1', status: 'Pending', group: 'other' } });
    // beta-2 (another project's namespace) was never sent; other-1 (filtered out) only as DELETED, which the client ignores.
    expect(JSON.stringify(s.seen)).not.toContain('beta-2');
    expect(s.seen.filter((x) => x.msg.type !== 'DELETED').map((x) => x.msg.type === 'ADDED' && x.msg.row.name)).toEqual(['live-1']);
    const counts = await s.next((m) => m.type === 'COUNTS');
    expect(counts).toMatchObject({ type: 'COUNTS', counts: { total: 5 } });
    const lastId = s.seen.find((x) => x.msg.type === 'ADDED')!.id!;
    expect(lastId).toMatch(/^\d+$/);
    s.stop();

    expect((await kubectl('DELETE', '/api/v1/namespaces/alpha/pods/live-1', { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 })).status).toBe(200);
    // A reconnect carries the last id it saw: what happened while it was away arrives.
    const again = await openStream({ label: 'tier=test', since: start.body.resourceVersion }, { 'last-event-id': lastId });
    const gone = await again.next((m) => m.type === 'DELETED' || m.type === 'ADDED');
    expect(gone).toMatchObject({ type: 'DELETED', name: 'live-1', namespace: 'alpha' });
    // The removal's version rides in the message too: the dashboard keeps it while later pages of the list arrive.
    const removal = again.seen.find((x) => x.msg === gone)!;
    expect(gone).toHaveProperty('resourceVersion', removal.id);
    again.stop();
  });

  it('bad filters are refused before the stream opens', async () => {
    const res = await call(streamRoute.GET as Handler, request('/api/pier/clusters/local/pods/stream?since=abc', { token: tokens.dev }), { name: 'local' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('since');
  });
});

describe('a pod\'s page, logs and delete', () => {
  const params = (pod: string) => ({ name: 'local', namespace: 'alpha', pod });

  it('containers, conditions, events; the failing pod shows ImagePullBackOff and its event', async () => {
    const res = await call(podRoute.GET as Handler, request('/api/pier/clusters/local/pods/alpha/lost-1', { token: tokens.dev }), params('lost-1'));
    expect(res.status).toBe(200);
    const d = await res.json();
    expect(d.row).toMatchObject({ name: 'lost-1', status: 'ImagePullBackOff' });
    expect(d.containers[0]).toMatchObject({ name: 'main', type: 'worker', image: 'nowhere/missing:9', ready: false, state: { state: 'waiting', reason: 'ImagePullBackOff' } });
    expect(d.conditions.map((c: { type: string }) => c.type)).toContain('PodScheduled');
    expect(d.events.some((e: { reason: string }) => e.reason === 'Failed' || e.reason === 'BackOff')).toBe(true);
    expect(d.labels).toEqual({ app: 'lost-1', tier: 'test' });
    expect(d.writable).toBe(true);
    const ghost = await call(podRoute.GET as Handler, request('/api/pier/clusters/local/pods/alpha/ghost', { token: tokens.dev }), params('ghost'));
    expect(ghost.status).toBe(404);
  });

  it('logs: tail and timestamps; follow stays open; a waiting container is the cluster\'s 400', async () => {
    const log = (pod: string, q: Record<string, string>, signal?: AbortSignal) => call(logRoute.GET as Handler,
      new Request(`${BASE}/api/pier/clusters/local/pods/alpha/${pod}/log?${new URLSearchParams(q)}`, { headers: { 'x-auth-token': tokens.dev, 'x-pier-peer-address': '192.0.2.10' }, signal }), params(pod));
    const tail = await log('web-1', { tailLines: '2', timestamps: 'true' });
    expect(tail.status).toBe(200);
    const lines = (await tail.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    const abort = new AbortController();
    const follow = await log('web-1', { tailLines: '1', follow: 'true', container: 'main' }, abort.signal);
    expect(follow.status).toBe(200);
    const reader = follow.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.trimEnd().split('\n')).toHaveLength(1);
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const waiting = await log('lost-1', { follow: 'true' });
    expect(waiting.status).toBe(400);
    expect((await waiting.json()).error.message).toMatch(/lost-1/);
    expect((await log('web-1', { tailLines: '-1' })).status).toBe(400);
  });

  it('delete: visitors may not; force deletes at once, with an audit row', async () => {
    const del = (as: UserName, q = '') => call(podRoute.DELETE as Handler,
      request(`/api/pier/clusters/local/pods/alpha/web-2${q}`, { method: 'DELETE', token: tokens[as] }), params('web-2'));
    expect((await del('guest')).status).toBe(403);
    expect((await del('dev', '?force=yes')).status).toBe(400);
    expect((await kubectl('GET', '/api/v1/namespaces/alpha/pods/web-2')).status).toBe(200);
    expect((await del('dev', '?force=true')).status).toBe(204);
    expect((await kubectl('GET', '/api/v1/namespaces/alpha/pods/web-2')).status).toBe(404);
    const rows = await w.db.query.auditLog.findMany({ where: (a, { eq: is }) => is(a.resourceType, 'pod') });
    expect(rows.map((r) => [r.action, r.resourceId])).toEqual([['force-delete', 'local/alpha/web-2']]);
  });
});
