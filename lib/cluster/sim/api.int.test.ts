import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST, PUT, PATCH, DELETE } from '@/app/k8s/[cluster]/[...path]/route';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { clusters } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { seedLocalCluster } from './seed';

const w = setupWorld();
const tokens = {} as Record<UserName, string>;

beforeAll(async () => {
  await seedLocalCluster(w.db, new Date());
  for (const who of ['admin', 'ops', 'dev', 'guest', 'oadmin'] as UserName[]) tokens[who] = await tokenFor(w, who);
});

const HANDLERS = { GET, POST, PUT, PATCH, DELETE };

/** Calls the catch-all handler as Next.js would for /k8s/<cluster>/<path>. */
function k8s(path: string, o: RequestOptions & { as?: UserName | null; cluster?: string } = {}) {
  const { as = 'admin', cluster = 'local', ...rest } = o;
  const headers = { ...(rest.headers ?? {}), ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}) };
  const method = (rest.method ?? (rest.json !== undefined || rest.body !== undefined ? 'POST' : 'GET')) as keyof typeof HANDLERS;
  const url = new URL(path, 'http://x');
  const segments = url.pathname.split('/').filter(Boolean);
  return call(HANDLERS[method], request(`/k8s/${cluster}/${path}`, { ...rest, method, headers }), { cluster, path: segments });
}

const STATUS = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };

describe('authentication and discovery', () => {
  it('401 Status without a credential', async () => {
    const res = await k8s('api/v1/pods', { as: null });
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({ ...STATUS, message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  it('/version, /api, /apis and the group versions', async () => {
    expect(await body(await k8s('version'))).toMatchObject({ major: '1', minor: '30', gitVersion: expect.stringMatching(/^v1\.30/) });
    expect(await body(await k8s('api'))).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await body(await k8s('apis'));
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((g: { name: string }) => g.name).sort()).toEqual(['apps', 'autoscaling', 'batch', 'coordination.k8s.io', 'networking.k8s.io', 'storage.k8s.io']);
    expect(groups.groups.find((g: { name: string }) => g.name === 'autoscaling').preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
    const core = await body(await k8s('api/v1'));
    expect(core).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1' });
    expect(core.resources.find((r: { name: string }) => r.name === 'pods')).toMatchObject({
      singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], verbs: expect.arrayContaining(['watch', 'patch']),
    });
    expect(core.resources.map((r: { name: string }) => r.name)).toContain('pods/status');
    const apps = await body(await k8s('apis/apps/v1'));
    expect(apps.resources.find((r: { name: string }) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect((await body(await k8s('apis/networking.k8s.io/v1'))).resources[0]).toMatchObject({ name: 'ingresses', kind: 'Ingress' });
  });

  it.each(['api/v2', 'apis/apps/v2', 'apis/nope', 'api/v1/widgets', 'api/v1/namespaces/alpha/nodes', 'apis/apps/v1/namespaces/alpha/deployments/x/logs', 'other'])(
    '404 Status for %s',
    async (path) => {
      const res = await k8s(path);
      expect(res.status).toBe(404);
      expect(await body(res)).toEqual({ ...STATUS, message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
    },
  );

  it('404 for a cluster that is not there', async () => {
    const res = await k8s('api/v1/pods', { cluster: 'nowhere' });
    expect(res.status).toBe(404);
    expect(await body(res)).toMatchObject({ ...STATUS, reason: 'NotFound', code: 404 });
  });
});

const cm = (name: string, data: Record<string, string> = { a: '1' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app: 'demo' } }, data });

describe('CRUD', () => {
  it('create, get, list, replace, patch, delete a ConfigMap', async () => {
    const created = await k8s('api/v1/namespaces/alpha/configmaps', { json: cm('one') });
    expect(created.status).toBe(201);
    const one = await body(created);
    expect(one.metadata).toMatchObject({ name: 'one', namespace: 'alpha', uid: expect.any(String), resourceVersion: expect.stringMatching(/^\d+$/) });

    expect(await body(await k8s('api/v1/namespaces/alpha/configmaps/one'))).toEqual(one);
    const list = await body(await k8s('api/v1/namespaces/alpha/configmaps?labelSelector=app%3Ddemo'));
    expect(list).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) } });
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['one']);

    const put = await k8s('api/v1/namespaces/alpha/configmaps/one', { method: 'PUT', json: { ...one, data: { a: '2' } } });
    expect(put.status).toBe(200);
    const replaced = await body(put);
    expect(replaced.data).toEqual({ a: '2' });

    const merge = await k8s('api/v1/namespaces/alpha/configmaps/one', {
      method: 'PATCH', body: JSON.stringify({ data: { b: '3' } }), headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect((await body(merge)).data).toEqual({ a: '2', b: '3' });
    const strategic = await k8s('api/v1/namespaces/alpha/configmaps/one', {
      method: 'PATCH', body: JSON.stringify({ data: { a: null } }), headers: { 'content-type': 'application/strategic-merge-patch+json' },
    });
    expect((await body(strategic)).data).toEqual({ b: '3' });
    const jp = await k8s('api/v1/namespaces/alpha/configmaps/one', {
      method: 'PATCH', body: JSON.stringify([{ op: 'add', path: '/data/c', value: '4' }]), headers: { 'content-type': 'application/json-patch+json' },
    });
    expect((await body(jp)).data).toEqual({ b: '3', c: '4' });

    const del = await k8s('api/v1/namespaces/alpha/configmaps/one', { method: 'DELETE', json: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
    expect(del.status).toBe(200);
    expect((await body(del)).metadata.name).toBe('one');
    expect((await k8s('api/v1/namespaces/alpha/configmaps/one')).status).toBe(404);
  });

  it('404, 409 and 422 as the apiserver words them', async () => {
    const missing = await k8s('apis/apps/v1/namespaces/alpha/deployments/ghost');
    expect(missing.status).toBe(404);
    expect(await body(missing)).toEqual({
      ...STATUS, message: 'deployments.apps "ghost" not found', reason: 'NotFound', details: { name: 'ghost', group: 'apps', kind: 'deployments' }, code: 404,
    });

    const first = await body(await k8s('api/v1/namespaces/beta/configmaps', { json: cm('dup') }));
    const again = await k8s('api/v1/namespaces/beta/configmaps', { json: cm('dup') });
    expect(again.status).toBe(409);
    expect(await body(again)).toMatchObject({ ...STATUS, reason: 'AlreadyExists', message: 'configmaps "dup" already exists', code: 409 });

    await k8s('api/v1/namespaces/beta/configmaps/dup', { method: 'PUT', json: { ...first, data: { x: 'y' } } });
    const stale = await k8s('api/v1/namespaces/beta/configmaps/dup', { method: 'PUT', json: { ...first, data: { x: 'z' } } });
    expect(stale.status).toBe(409);
    expect(await body(stale)).toMatchObject({ reason: 'Conflict', message: expect.stringContaining('the object has been modified') });

    const bad = await k8s('api/v1/namespaces/beta/configmaps', { json: cm('Not_Valid') });
    expect(bad.status).toBe(422);
    expect(await body(bad)).toMatchObject({
      ...STATUS, reason: 'Invalid', code: 422, message: expect.stringMatching(/^ConfigMap "Not_Valid" is invalid: metadata\.name: Invalid value: "Not_Valid"/),
      details: { name: 'Not_Valid', kind: 'ConfigMap', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] },
    });
  });

  it('refuses unknown patch types, bad JSON, and POST to a named path', async () => {
    const p = await k8s('api/v1/namespaces/beta/configmaps/dup', { method: 'PATCH', body: '{}', headers: { 'content-type': 'application/apply-patch+yaml' } });
    expect(p.status).toBe(415);
    expect(await body(p)).toMatchObject({ reason: 'UnsupportedMediaType' });
    const j = await k8s('api/v1/namespaces/beta/configmaps', { body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(j.status).toBe(400);
    expect(await body(j)).toMatchObject({ reason: 'BadRequest' });
    expect((await k8s('api/v1/namespaces/beta/configmaps/dup', { json: cm('dup') })).status).toBe(405);
  });

  it('status and scale subresources', async () => {
    const deploy = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:alpine' }] } } },
    };
    expect((await k8s('apis/apps/v1/namespaces/alpha/deployments', { json: deploy })).status).toBe(201);
    const st = await k8s('apis/apps/v1/namespaces/alpha/deployments/web/status', {
      method: 'PATCH', body: JSON.stringify({ status: { replicas: 2 }, spec: { replicas: 9 } }), headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(await body(st)).toMatchObject({ status: { replicas: 2 }, spec: { replicas: 2 } });
    const scale = await body(await k8s('apis/apps/v1/namespaces/alpha/deployments/web/scale'));
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 2, selector: 'app=web' } });
    const scaled = await k8s('apis/apps/v1/namespaces/alpha/deployments/web/scale', {
      method: 'PATCH', body: JSON.stringify({ spec: { replicas: 5 } }), headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect((await body(scaled)).spec).toEqual({ replicas: 5 });
    const d = await body(await k8s('apis/apps/v1/namespaces/alpha/deployments/web'));
    expect(d.spec.replicas).toBe(5);
    expect(d.metadata.generation).toBe(2);
  });

  it('list with limit and continue over HTTP', async () => {
    for (const n of ['p1', 'p2', 'p3']) await k8s('api/v1/namespaces/beta/configmaps', { json: cm(n) });
    const first = await body(await k8s('api/v1/namespaces/beta/configmaps?limit=2&labelSelector=app%3Ddemo'));
    expect(first.items).toHaveLength(2);
    expect(first.metadata.continue).toEqual(expect.any(String));
    const rest = await body(await k8s(`api/v1/namespaces/beta/configmaps?limit=2&labelSelector=app%3Ddemo&continue=${encodeURIComponent(first.metadata.continue)}`));
    expect([...first.items, ...rest.items].map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['dup', 'p1', 'p2', 'p3']);
    expect(rest.metadata.continue).toBeUndefined();
  });

  it('nodes are cluster-scoped and listed with field and label selectors', async () => {
    const edge = await body(await k8s('api/v1/nodes?labelSelector=node-role.kubernetes.io%2Fedge'));
    expect(edge.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['edge-a-1', 'edge-a-2']);
    const one = await body(await k8s('api/v1/nodes?fieldSelector=metadata.name%3Dworker-2'));
    expect(one.items).toHaveLength(1);
  });
});

describe('authorization (namespaces belong to projects; the full rules are in api/access.int.test.ts)', () => {
  it('a developer or visitor reaches discovery, and only their projects\' namespaces', async () => {
    expect((await k8s('api/v1', { as: 'dev' })).status).toBe(200);
    expect((await k8s('api/v1/namespaces/alpha/secrets', { as: 'dev' })).status).toBe(200);
    for (const as of ['dev', 'guest'] as const) {
      const list = await k8s('api/v1/namespaces/beta/secrets', { as });
      expect(list.status).toBe(403);
      expect(await body(list)).toMatchObject({
        ...STATUS, reason: 'Forbidden', code: 403,
        message: `secrets is forbidden: User "${as}" cannot list resource "secrets" in API group "" in the namespace "beta"`,
      });
    }
    const res = await k8s('api/v1/namespaces/alpha/configmaps', { as: 'guest', json: cm('by-guest') });
    expect(res.status).toBe(403);
    expect(await body(res)).toMatchObject({
      ...STATUS, reason: 'Forbidden', code: 403,
      message: 'configmaps is forbidden: User "guest" cannot create resource "configmaps" in API group "" in the namespace "alpha"',
    });
  });

  it('a department admin writes to its projects\' namespaces in the shared local cluster', async () => {
    expect((await k8s('api/v1/namespaces/alpha/configmaps', { as: 'ops', json: cm('by-ops') })).status).toBe(201);
  });
});

describe('a department\'s own cluster', () => {
  beforeAll(async () => {
    await w.db.insert(clusters).values({ id: newId(), name: 'other-sim', type: 'EOS', driver: 'simulated', departmentId: w.departments.other.id });
  });

  it('is a 404 to other departments, readable by its own, writable by its admin and system admins only', async () => {
    expect((await k8s('api/v1/namespaces', { cluster: 'other-sim', as: 'ops' })).status).toBe(404);
    expect((await k8s('api/v1/namespaces', { cluster: 'other-sim', as: 'dev' })).status).toBe(404);
    expect((await k8s('api/v1/namespaces', { cluster: 'other-sim', as: 'oadmin' })).status).toBe(200);
    expect((await k8s('api/v1/namespaces', { cluster: 'other-sim', as: 'oadmin', json: { metadata: { name: 'team' } } })).status).toBe(201);
    expect((await k8s('api/v1/namespaces/team/configmaps', { cluster: 'other-sim', as: 'admin', json: cm('c') })).status).toBe(201);
    // Objects are per cluster: local has no namespace "team".
    expect((await k8s('api/v1/namespaces/team')).status).toBe(404);
  });
});

describe('delete over HTTP', () => {
  it('query propagationPolicy=Orphan keeps dependents; deletecollection deletes what the selector matches', async () => {
    const owner = await body(await k8s('api/v1/namespaces/beta/configmaps', { json: cm('owner') }));
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid };
    await k8s('api/v1/namespaces/beta/configmaps', { json: { ...cm('owned'), metadata: { name: 'owned', labels: { app: 'gc' }, ownerReferences: [ref] } } });
    expect((await k8s('api/v1/namespaces/beta/configmaps/owner?propagationPolicy=Orphan', { method: 'DELETE' })).status).toBe(200);
    const owned = await body(await k8s('api/v1/namespaces/beta/configmaps/owned'));
    expect(owned.metadata.ownerReferences).toBeUndefined();

    const res = await k8s('api/v1/namespaces/beta/configmaps?labelSelector=app%3Dgc', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await body(res)).items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['owned']);
    expect((await k8s('api/v1/namespaces/beta/configmaps/owned')).status).toBe(404);
    expect((await k8s('api/v1/namespaces/beta/configmaps/dup')).status).toBe(200);
  });
});

describe('watch', () => {
  it('streams the events written after the given resourceVersion, then a bookmark, and ends at timeoutSeconds', async () => {
    const list = await body(await k8s('api/v1/namespaces/beta/configmaps'));
    const from = list.metadata.resourceVersion;
    await k8s('api/v1/namespaces/beta/configmaps', { json: cm('watched') });
    await k8s('api/v1/namespaces/alpha/configmaps', { json: cm('other-namespace') });
    const started = Date.now();
    const res = await k8s(`api/v1/namespaces/beta/configmaps?watch=true&resourceVersion=${from}&timeoutSeconds=1&allowWatchBookmarks=true`);
    expect(res.status).toBe(200);
    // Written while the watch is open:
    await k8s('api/v1/namespaces/beta/configmaps/watched', {
      method: 'PATCH', body: JSON.stringify({ data: { a: 'later' } }), headers: { 'content-type': 'application/merge-patch+json' },
    });
    await k8s('api/v1/namespaces/beta/configmaps/watched', { method: 'DELETE' });
    const text = await res.text();
    expect(Date.now() - started).toBeLessThan(5000);
    const events = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).toEqual(['ADDED watched', 'MODIFIED watched', 'DELETED watched', 'BOOKMARK ']);
    expect(events[1].object.data).toEqual({ a: 'later' });
    expect(events[3].object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
    expect(Number(events[3].object.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(events[2].object.metadata.resourceVersion));
  });

  it('without a resourceVersion starts with ADDED for what exists, filtered by selector', async () => {
    const res = await k8s('api/v1/nodes?watch=1&timeoutSeconds=1&labelSelector=pier.io%2Fnode-group%3Dedge-a');
    const events = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED edge-a-1', 'ADDED edge-a-2']);
    expect(events[0].object.kind).toBe('Node');
  });
});
