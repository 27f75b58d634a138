import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { parse as parseYaml, parseAllDocuments, stringify } from 'yaml';
import { auditLog } from '@/db/schema';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import * as switchRoute from '@/app/api/ecns/[productType]/namespace/[projectId]/cluster/[clusterName]/ns/[namespace]/route';
import * as workloadsRoute from '@/app/api/ecns/[productType]/workloads/route';
import * as applicationsRoute from '@/app/api/ecns/[productType]/applications/route';
import * as raw from '@/app/api/ecns/[productType]/%5Fraw/[kind]/name/[name]/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';

/**
 * The YAML endpoints (1.16 查看yaml / 编辑yaml / 上传yaml) through their route
 * handlers, against the simulated cluster `local` over real HTTP. No
 * controllers run: these tests are about objects, not pods. Cluster state is
 * checked through the cluster's own API.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer | undefined;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Opts = RequestOptions & { as?: UserName; pt?: string; query?: Record<string, string> };

async function ecns(handler: unknown, path: string, params: Record<string, string>, o: Opts = {}) {
  const { as = 'dev', pt = 'eks', query, ...rest } = o;
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  const res = await call(handler as Handler, request(`/api/ecns/${pt}/${path}${qs}`, { ...rest, token: tokens[as] }), { productType: pt, ...params });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch { /* YAML answers stay text */ }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: parsed as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const rawPath = (kind: string, name: string) => `_raw/${kind}/name/${name}/`;
const getYaml = (kind: string, name: string, o: Opts = {}) => ecns(raw.GET, rawPath(kind, name), { kind, name }, o);
const yamlBody = (text: string) => ({ body: text, headers: { 'content-type': 'application/yaml' } });
const putYaml = (kind: string, name: string, text: string, o: Opts = {}) =>
  ecns(raw.PUT, rawPath(kind, name), { kind, name }, { method: 'PUT', ...yamlBody(text), ...o });
const postYaml = (kind: string, name: string, text: string, o: Opts = {}) =>
  ecns(raw.POST, rawPath(kind, name), { kind, name }, { method: 'POST', ...yamlBody(text), ...o });

async function k8s(path: string) {
  const segments = path.split('/').filter(Boolean);
  const res = await call(k8sRoute.GET, request(`/k8s/local/${path}`, { token: tokens.admin }), { cluster: 'local', path: segments });
  return { status: res.status, body: await body(res) };
}
const deployment = (name: string) => k8s(`apis/apps/v1/namespaces/alpha/deployments/${name}`);
const configMap = (name: string) => k8s(`api/v1/namespaces/alpha/configmaps/${name}`);

const web = (name: string, application?: string) => ({
  workload_base: { name, type: 'Deployment', replicas: 2 },
  ...(application ? { application_name: application } : {}),
  containers: [{ name: 'nginx', type: 'worker', image: { image: 'nginx', image_version: 'alpine' } }],
  access_mode: [{ type: 'ClusterIP', access: [{ port: 80, target_port: 80, protocol: 'TCP' }] }],
  scale_strategy: { min_replicas: 2, max_replicas: 4, resource: { cpu: 70 } },
});

const cm = (name: string, data: Record<string, string> = { a: '1' }, extra: Record<string, unknown> = {}) =>
  stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data });

beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['admin', 'dev', 'guest', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
  for (const who of ['dev', 'guest', 'admin'] as UserName[]) {
    const r = await ecns(switchRoute.GET, `namespace/${w.projects.alpha.id}/cluster/local/ns/alpha/`, { projectId: w.projects.alpha.id, clusterName: 'local', namespace: 'alpha' }, { as: who });
    expect(r.status).toBe(200);
  }
  const r = await ecns(workloadsRoute.POST, 'workloads/', {}, { json: { workloads: [web('front')] } });
  expect(r.status).toBe(201);
  const app = await ecns(applicationsRoute.POST, 'applications/', {}, { json: { name: 'shop', workloads: [web('shop-api'), web('shop-web', 'shop')] } });
  expect(app.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /_raw/<kind>/name/<name>/', () => {
  it('answers the object as YAML, without managedFields', async () => {
    const r = await getYaml('Deployment', 'front');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/application\/yaml/);
    const o = parseYaml(r.body);
    expect(o).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'front', namespace: 'alpha' }, spec: { replicas: 2 } });
    expect(o.metadata.managedFields).toBeUndefined();
    // The lower-case spelling of a kind is the same kind.
    expect(parseYaml((await getYaml('service', 'front')).body)).toMatchObject({ kind: 'Service', metadata: { name: 'front' } });
  });

  it('application: every resource of the application, as a YAML stream', async () => {
    const r = await getYaml('application', 'shop');
    expect(r.status).toBe(200);
    const objs = parseAllDocuments(r.body).map((d) => d.toJS());
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/shop-api', 'Deployment/shop-web', 'HorizontalPodAutoscaler/shop-api', 'HorizontalPodAutoscaler/shop-web', 'Service/shop-api', 'Service/shop-web',
    ]);
    expect((await getYaml('application', 'nope')).status).toBe(404);
  });

  it('an unknown kind, a bad name, a missing object, a foreign product type', async () => {
    const k = await getYaml('Widget', 'front');
    expect(k.status).toBe(400);
    expect(k.body.error.message).toMatch(/^kind: one of Pod, Service/);
    const n = await getYaml('Deployment', 'Bad_Name');
    expect(n.status).toBe(400);
    expect(n.body.error.message).toMatch(/^name:/);
    expect((await getYaml('Deployment', 'ghost')).status).toBe(404);
    expect((await getYaml('Deployment', 'front', { pt: 'image' })).status).toBe(404);
  });

  it('a Secret needs the write grant to read; a visitor reads other kinds', async () => {
    expect((await postYaml('Secret', 'token', stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, stringData: { k: 'v' } }))).status).toBe(200);
    expect((await getYaml('Secret', 'token', { as: 'guest' })).status).toBe(403);
    expect((await getYaml('Secret', 'token')).status).toBe(200);
    expect((await getYaml('Deployment', 'front', { as: 'guest' })).status).toBe(200);
  });

  it('cluster_addr names the cluster; for namespaced kinds it must be the current namespace\'s', async () => {
    const ok = await getYaml('Deployment', 'front', { query: { cluster_addr: 'http://pier.test/k8s/local' } });
    expect(ok.status).toBe(200);
    const missing = await getYaml('Deployment', 'front', { query: { cluster_addr: 'https://10.9.9.9:6443' } });
    expect(missing.status).toBe(404);
    const extra = await getYaml('Deployment', 'front', { query: { cluster: 'local' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/^cluster: unknown field/);
  });
});

describe('PUT /_raw/<kind>/name/<name>/', () => {
  it('replaces the object from its edited YAML: succeed lists it with the server\'s answer, and an audit row', async () => {
    const o = parseYaml((await getYaml('Deployment', 'front')).body);
    o.spec.replicas = 3;
    const r = await putYaml('Deployment', 'front', stringify(o));
    expect(r.status).toBe(200);
    expect(r.body.failed).toEqual([]);
    expect(r.body.succeed).toHaveLength(1);
    expect(r.body.succeed[0]).toMatchObject({ name: 'front', kind: 'Deployment', reason: '' });
    expect(parseYaml(r.body.succeed[0].yaml).spec.replicas).toBe(3);
    expect((await deployment('front')).body.spec.replicas).toBe(3);
    const audit = await w.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'workload'), eq(auditLog.action, 'update'), eq(auditLog.resourceName, 'front')));
    expect(audit).toHaveLength(1);
    expect(audit[0].resourceId).toBe('local/alpha/Deployment/front');
  });

  it('a stale resourceVersion is refused by the apiserver: failed, with its message, nothing changed', async () => {
    const o = parseYaml((await getYaml('Deployment', 'front')).body);
    o.metadata.resourceVersion = '1';
    o.spec.replicas = 7;
    const r = await putYaml('Deployment', 'front', stringify(o));
    expect(r.status).toBe(200);
    expect(r.body.succeed).toEqual([]);
    expect(r.body.failed[0]).toMatchObject({ name: 'front', kind: 'Deployment' });
    expect(r.body.failed[0].reason).toMatch(/modified|conflict|resourceVersion/i);
    expect((await deployment('front')).body.spec.replicas).toBe(3);
  });

  it('an object the apiserver finds invalid: failed, reason is the apiserver\'s validation message, nothing changed', async () => {
    const o = parseYaml((await getYaml('Deployment', 'front')).body);
    delete o.metadata.resourceVersion;
    o.spec.replicas = -4;
    const r = await putYaml('Deployment', 'front', stringify(o));
    expect(r.status).toBe(200);
    expect(r.body.succeed).toEqual([]);
    expect(r.body.failed[0].reason).toMatch(/spec\.replicas/);
    expect((await deployment('front')).body.spec.replicas).toBe(3);
  });

  it('malformed YAML, wrong kind, name, namespace or apiVersion: a 400 naming the field, nothing changed', async () => {
    const o = parseYaml((await getYaml('Deployment', 'front')).body);
    o.spec.replicas = 9;
    const cases: Array<[string, RegExp]> = [
      ['kind: Deployment\nmetadata: {name: front\n', /^yaml:/],
      ['- a\n- b\n', /^yaml: a Kubernetes object/],
      ['', /^yaml: no object/],
      [`${stringify(o)}---\n${stringify(o)}`, /^yaml: one Deployment expected/],
      [stringify({ ...o, kind: 'StatefulSet' }), /^kind: "StatefulSet" is not a Deployment/],
      [stringify({ ...o, metadata: { ...o.metadata, name: 'other' } }), /^metadata\.name: "other" is not "front"/],
      [stringify({ ...o, metadata: { ...o.metadata, namespace: 'beta' } }), /^metadata\.namespace: "beta" is not the current namespace "alpha"/],
      [stringify({ ...o, apiVersion: 'extensions/v1beta1' }), /^apiVersion: a Deployment is read and written as apps\/v1/],
    ];
    for (const [text, msg] of cases) {
      const r = await putYaml('Deployment', 'front', text);
      expect(r.status, text).toBe(400);
      expect(r.body.error.message, text).toMatch(msg);
    }
    expect((await deployment('front')).body.spec.replicas).toBe(3);
  });

  it('the JSON form {"yaml": "..."} is taken too; other content types are a 415', async () => {
    const o = parseYaml((await getYaml('Deployment', 'front')).body);
    o.spec.replicas = 4;
    const r = await ecns(raw.PUT, rawPath('Deployment', 'front'), { kind: 'Deployment', name: 'front' }, { method: 'PUT', json: { yaml: stringify(o) } });
    expect(r.status).toBe(200);
    expect((await deployment('front')).body.spec.replicas).toBe(4);
    const bad = await ecns(raw.PUT, rawPath('Deployment', 'front'), { kind: 'Deployment', name: 'front' }, { method: 'PUT', json: { yml: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/yaml: /);
    const form = await ecns(raw.PUT, rawPath('Deployment', 'front'), { kind: 'Deployment', name: 'front' }, { method: 'PUT', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('a visitor may not', async () => {
    const o = parseYaml((await getYaml('Deployment', 'front')).body);
    o.spec.replicas = 1;
    expect((await putYaml('Deployment', 'front', stringify(o), { as: 'guest' })).status).toBe(403);
    expect((await deployment('front')).body.spec.replicas).toBe(4);
  });

  it('application: edits its resources; an object not of the application is a 400 naming it, nothing changed', async () => {
    const objs = parseAllDocuments((await getYaml('application', 'shop')).body).map((d) => d.toJS());
    const api = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'shop-api');
    api.spec.replicas = 3;
    const stranger = parseYaml((await getYaml('Deployment', 'front')).body);
    stranger.spec.replicas = 1;
    const refused = await putYaml('application', 'shop', [api, stranger].map((o) => stringify(o)).join('---\n'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^yaml\[1\]\.metadata\.name: Deployment "front" is not a resource of application "shop"/);
    expect((await deployment('shop-api')).body.spec.replicas).toBe(2);

    const r = await putYaml('application', 'shop', stringify(api));
    expect(r.status).toBe(200);
    expect(r.body.succeed.map((i: { name: string }) => i.name)).toEqual(['shop-api']);
    expect((await deployment('shop-api')).body.spec.replicas).toBe(3);
  });
});

describe('POST /_raw/<kind>/name/<name>/', () => {
  it('creates from YAML; creating it again is the apiserver\'s AlreadyExists in failed', async () => {
    const r = await postYaml('ConfigMap', 'settings', cm('settings'));
    expect(r.status).toBe(200);
    expect(r.body.succeed[0]).toMatchObject({ name: 'settings', kind: 'ConfigMap', reason: '' });
    expect((await configMap('settings')).body.data).toEqual({ a: '1' });
    const again = await postYaml('ConfigMap', 'settings', cm('settings', { a: '2' }));
    expect(again.status).toBe(200);
    expect(again.body.succeed).toEqual([]);
    expect(again.body.failed[0].reason).toMatch(/already exists/);
    expect((await configMap('settings')).body.data).toEqual({ a: '1' });
  });

  it('an unknown field is refused (strict field validation, as kubectl asks for) with the apiserver\'s message', async () => {
    const text = stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, data: { a: '1' }, colour: 'red' });
    const r = await postYaml('ConfigMap', 'odd', text);
    expect(r.status).toBe(200);
    expect(r.body.failed).toHaveLength(1);
    expect(r.body.failed[0].reason).toMatch(/unknown field "colour"/);
    expect((await configMap('odd')).status).toBe(404);
  });

  it('application: labels its workloads; if the apiserver refuses one object, none is created', async () => {
    const ok = parseYaml((await getYaml('Deployment', 'front')).body);
    const fresh = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cart' }, spec: { ...ok.spec, replicas: 1 } };
    const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cart-config' }, data: { n: 1 } };
    const refused = await postYaml('application', 'shop', [fresh, bad].map((o) => stringify(o)).join('---\n'));
    expect(refused.status).toBe(200);
    expect(refused.body.succeed).toEqual([]);
    expect(refused.body.failed.map((i: { name: string }) => i.name)).toEqual(['cart-config']);
    expect((await deployment('cart')).status).toBe(404);

    const r = await postYaml('application', 'shop', [fresh, { ...bad, data: { n: '1' } }].map((o) => stringify(o)).join('---\n'));
    expect(r.body.failed).toEqual([]);
    expect((await deployment('cart')).body.metadata.labels['pier.io/application']).toBe('shop');
    expect(parseAllDocuments((await getYaml('application', 'shop')).body).map((d) => d.toJS().metadata.name)).toContain('cart');
  });

  it('application: a workload labelled for another application, a cluster-wide kind, a repeated object: 400 naming the field', async () => {
    const other = stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} });
    const labelled = stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'y', labels: { 'pier.io/application': 'else' } }, spec: {} });
    const sc = stringify({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'z' }, provisioner: 'p' });
    const cases: Array<[string, RegExp]> = [
      [labelled, /^yaml\[0\]\.metadata\.labels\.pier\.io\/application: "else" is not "shop"/],
      [sc, /^yaml\[0\]\.kind: "StorageClass" is not one of/],
      [`${other}---\n${other}`, /^yaml\[1\]\.metadata\.name: ConfigMap\/x appears twice/],
    ];
    for (const [text, msg] of cases) {
      const r = await postYaml('application', 'shop', text);
      expect(r.status, text).toBe(400);
      expect(r.body.error.message).toMatch(msg);
    }
    expect((await configMap('x')).status).toBe(404);
  });

  it('StorageClass (cluster-wide): administrators create it, developers may not; no namespace allowed', async () => {
    const sc = (extra: Record<string, unknown> = {}) => stringify({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast', ...extra }, provisioner: 'example.com/fast' });
    expect((await postYaml('StorageClass', 'fast', sc())).status).toBe(403);
    const ns = await postYaml('StorageClass', 'fast', sc({ namespace: 'alpha' }), { as: 'admin' });
    expect(ns.status).toBe(400);
    expect(ns.body.error.message).toMatch(/^metadata\.namespace: a StorageClass belongs to no namespace/);
    const r = await postYaml('StorageClass', 'fast', sc(), { as: 'admin' });
    expect(r.status).toBe(200);
    expect(r.body.succeed[0]).toMatchObject({ name: 'fast', kind: 'StorageClass' });
    const got = await getYaml('StorageClass', 'fast', { query: { cluster_addr: 'http://pier.test/k8s/local' } });
    expect(got.status).toBe(200);
    expect(parseYaml(got.body).provisioner).toBe('example.com/fast');
    expect((await k8s('apis/storage.k8s.io/v1/storageclasses/fast')).status).toBe(200);
  });
});
