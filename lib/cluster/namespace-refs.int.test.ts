import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import * as refsRoute from '@/app/api/pier/clusters/[name]/namespaces/[namespace]/refs/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';

/**
 * GET /api/pier/clusters/<name>/namespaces/<ns>/refs (the workload editor's
 * pickers) through its route handler, against the simulated cluster `local`
 * reached through the adapter over real HTTP.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer | undefined;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function k8s(path: string, o: RequestOptions = {}) {
  const segments = path.split('/').filter(Boolean);
  const method = o.json !== undefined ? 'POST' : 'GET';
  return call(k8sRoute[method] as unknown as Handler, request(`/k8s/local/${path}`, { ...o, method, token: tokens.admin }), { cluster: 'local', path: segments } as never);
}

async function refs(namespace: string, as: UserName = 'dev', cluster = 'local') {
  const res = await call(refsRoute.GET as Handler, request(`/api/pier/clusters/${cluster}/namespaces/${namespace}/refs`, { token: tokens[as] }), { name: cluster, namespace });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'dev', 'guest', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
  const made = await Promise.all([
    k8s('api/v1/namespaces/alpha/configmaps', { json: { metadata: { name: 'settings' }, data: { color: 'blue', size: 'L' }, binaryData: { logo: 'AAAA' } } }),
    k8s('api/v1/namespaces/alpha/configmaps', { json: { metadata: { name: 'empty' } } }),
    k8s('api/v1/namespaces/alpha/secrets', { json: { metadata: { name: 'db' }, data: { password: Buffer.from('s3cret-value').toString('base64'), user: Buffer.from('app').toString('base64') } } }),
    k8s('api/v1/namespaces/alpha/persistentvolumeclaims', {
      json: { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '5Gi' } } } },
    }),
    k8s('api/v1/namespaces/beta/configmaps', { json: { metadata: { name: 'beta-only' }, data: { a: '1' } } }),
  ]);
  for (const r of made) expect(r.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /api/pier/clusters/<name>/namespaces/<ns>/refs', () => {
  it('lists the namespace\'s ConfigMaps and Secrets with their keys, and its PVCs, sorted by name', async () => {
    const r = await refs('alpha');
    expect(r.status).toBe(200);
    const maps = r.body.configMaps.filter((m: { name: string }) => m.name === 'empty' || m.name === 'settings');
    expect(maps).toEqual([{ name: 'empty', keys: [] }, { name: 'settings', keys: ['color', 'logo', 'size'] }]);
    expect(r.body.configMaps.map((m: { name: string }) => m.name)).not.toContain('beta-only');
    expect(r.body.secrets.find((s: { name: string }) => s.name === 'db')).toEqual({ name: 'db', keys: ['password', 'user'], type: 'Opaque' });
    expect(r.body.claims.find((c: { name: string }) => c.name === 'data')).toMatchObject({ name: 'data', storageClass: 'standard', capacity: '5Gi', accessModes: ['ReadWriteOnce'] });
  });

  it('never returns a Secret\'s values', async () => {
    const r = await refs('alpha');
    expect(JSON.stringify(r.body)).not.toContain('s3cret-value');
    expect(JSON.stringify(r.body)).not.toContain(Buffer.from('s3cret-value').toString('base64'));
  });

  it('a visitor of the project may read the lists', async () => {
    expect((await refs('alpha', 'guest')).status).toBe(200);
  });

  it('another tenant\'s namespace, or an unknown one, is a 404', async () => {
    expect((await refs('alpha', 'odev')).status).toBe(404);
    expect((await refs('no-such-ns')).status).toBe(404);
    expect((await refs('alpha', 'dev', 'no-such-cluster')).status).toBe(404);
  });
});
