import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { and, eq } from 'drizzle-orm';
import { auditLog, clusters } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import * as nsRoot from '@/app/api/ecns/[productType]/namespace/route';
import * as byType from '@/app/api/ecns/[productType]/namespace/clustertype/[clusterType]/route';
import * as one from '@/app/api/ecns/[productType]/namespace/cluster/[clusterName]/ns/[namespace]/route';
import * as pspRoute from '@/app/api/ecns/[productType]/namespace/cluster/[clusterName]/ns/[namespace]/psp/route';
import * as usersRoute from '@/app/api/ecns/[productType]/namespace/cluster/[clusterName]/ns/[namespace]/user_ids/route';
import * as quotaRoute from '@/app/api/ecns/[productType]/namespace/cluster/[clusterName]/ns/[namespace]/quota/route';
import * as switchRoute from '@/app/api/ecns/[productType]/namespace/[projectId]/cluster/[clusterName]/ns/[namespace]/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { PROJECT_LABEL, PSA_ENFORCE_LABEL, QUOTA_NAME, USERS_ANNOTATION } from './labels';

/**
 * The ECNS namespace endpoints through their route handlers, against the
 * simulated cluster `local`, which the core reaches through the adapter over
 * real HTTP. Cluster state is checked through the cluster's own API.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;

let server: SimServer | undefined;
afterAll(async () => {
  await server?.close();
});

beforeAll(async () => {
  // Pier reaches its simulated clusters over real HTTP, through the adapter, as in production.
  server = await startSimServer();
  for (const who of ['admin', 'ops', 'dev', 'guest', 'oadmin', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function ecns(handler: Handler, path: string, params: Record<string, string>, o: RequestOptions & { as?: UserName | null; pt?: string } = {}) {
  const { as = 'ops', pt = 'eks', ...rest } = o;
  const res = await call(handler, request(`/api/ecns/${pt}/${path}`, { ...rest, ...(as ? { token: tokens[as] } : {}) }), { productType: pt, ...params });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** GET from the simulated cluster's API as the system admin. */
async function k8s(path: string) {
  const segments = path.split('/').filter(Boolean);
  const res = await call(k8sRoute.GET, request(`/k8s/local/${path}`, { token: tokens.admin }), { cluster: 'local', path: segments });
  return { status: res.status, body: await body(res) };
}

function base(name: string, over: Record<string, unknown> = {}) {
  return {
    name, cluster_name: 'local', cluster_type: 'EKS', domain: 'Demo', project: 'alpha', project_id: w.projects.alpha.id, ...over,
  };
}

const create = (name: string, o: { base?: Record<string, unknown>; extra?: Record<string, unknown>; as?: UserName } = {}) =>
  ecns(nsRoot.POST as Handler, 'namespace/', {}, { as: o.as, json: { namespace: { namespace_base: base(name, o.base), ...o.extra } } });

const nsParams = (namespace: string, clusterName = 'local') => ({ clusterName, namespace });

async function namespaceExists(name: string) {
  return (await k8s(`api/v1/namespaces/${name}`)).status === 200;
}

describe('product type and credentials', () => {
  it('answers 404 in the ECNS shape for a product type the endpoint does not serve', async () => {
    const res = await ecns(byType.GET as Handler, 'namespace/clustertype/EKS/', { clusterType: 'EKS' }, { pt: 'image' });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 404, title: 'Not Found' });
    expect((await ecns(byType.GET as Handler, 'namespace/clustertype/EKS/', { clusterType: 'EKS' }, { pt: 'eos' })).status).toBe(404);
  });

  it('401 without a credential', async () => {
    const res = await ecns(byType.GET as Handler, 'namespace/clustertype/EKS/', { clusterType: 'EKS' }, { as: null });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(401);
  });
});

describe('create with quota', () => {
  it('creates a Namespace owned by the project and its ResourceQuota, with an audit record', async () => {
    const res = await create('team-a', { extra: { psp: 'Limited', quota: { pods: 20, cpu: 4, memory: 8, storage: 100, deployments: 5, ingress: 2 } } });
    expect(res.status).toBe(201);
    expect(res.body.namespace).toMatchObject({
      namespace_base: { ...base('team-a'), role: ['Developer', 'Visitor'], user_ids: [] },
      psp: 'Limited',
      quota: { pods: 20, cpu: 4, memory: 8, storage: 100, deployments: 5, ingress: 2 },
      namespace_status: { status: 'Active', creation_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
    const ns = await k8s('api/v1/namespaces/team-a');
    expect(ns.body.metadata.labels).toMatchObject({ [PROJECT_LABEL]: w.projects.alpha.id, [PSA_ENFORCE_LABEL]: 'restricted' });
    const rq = await k8s(`api/v1/namespaces/team-a/resourcequotas/${QUOTA_NAME}`);
    expect(rq.body.spec.hard).toEqual({
      pods: '20', 'limits.cpu': '4', 'limits.memory': '8Gi', 'requests.storage': '100Gi', 'count/deployments.apps': '5',
      'count/ingresses.networking.k8s.io': '2',
    });
    const audit = await w.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'namespace'), eq(auditLog.resourceId, 'local/team-a')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', source: 'ecns', projectId: w.projects.alpha.id, actorName: 'ops' });
  });

  it('without psp or quota: Unlimited (no PSA label, Kubernetes\' own default) and no ResourceQuota', async () => {
    const res = await create('team-b', { base: { role: ['Developer'], user_ids: [{ id: w.users.dev.id, name: 'dev' }] } });
    expect(res.status).toBe(201);
    expect(res.body.namespace.psp).toBe('Unlimited');
    expect(res.body.namespace.quota).toBeUndefined();
    expect(res.body.namespace.namespace_base).toMatchObject({ role: ['Developer'], user_ids: [{ id: w.users.dev.id, name: 'dev' }] });
    expect((await k8s(`api/v1/namespaces/team-b/resourcequotas/${QUOTA_NAME}`)).status).toBe(404);
    const ns = await k8s('api/v1/namespaces/team-b');
    expect(ns.body.metadata.labels[PSA_ENFORCE_LABEL]).toBeUndefined();
    expect(JSON.parse(ns.body.metadata.annotations[USERS_ANNOTATION])).toEqual([{ id: w.users.dev.id, name: 'dev' }]);
  });

  it('409 for a name the cluster already has, whoever owns it', async () => {
    const res = await create('alpha');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 409, title: 'Conflict' });
    expect((await create('kube-system')).status).toBe(409);
  });

  const B = 'namespace.namespace_base';
  it.each([
    ['a name over 63 characters', { base: { name: 'a'.repeat(64) } }, `${B}.name`],
    ['a name that is not a DNS label', { base: { name: 'Team_A' } }, `${B}.name`],
    ['a name ending in "-"', { base: { name: 'team-' } }, `${B}.name`],
    ['an empty name', { base: { name: '' } }, `${B}.name`],
    ['a cluster type outside EOS/EKS/EHOS', { base: { cluster_type: 'PROJECT_ALL' } }, `${B}.cluster_type`],
    ['a cluster type that is not the cluster\'s', { base: { cluster_type: 'EOS' } }, `${B}.cluster_type`],
    ['business_type for a non-EOS cluster', { base: { business_type: 'Normal' } }, `${B}.business_type`],
    ['an unknown business_type', { base: { business_type: 'User' } }, `${B}.business_type`],
    ['a domain that is not the project\'s', { base: { domain: 'Other' } }, `${B}.domain`],
    ['a project name that is not the project\'s', { base: { project: 'beta' } }, `${B}.project`],
    ['a malformed project_id', { base: { project_id: 'xyz' } }, `${B}.project_id`],
    ['an unknown role', { base: { role: ['Admin'] } }, `${B}.role.0`],
    ['an empty role list', { base: { role: [] } }, `${B}.role`],
    ['a role twice', { base: { role: ['Developer', 'Developer'] } }, `${B}.role`],
    ['a user who is not a member', { base: { user_ids: [{ id: 'nobody' }] } }, `${B}.user_ids.0.id`],
    ['a user without id', { base: { user_ids: [{ name: 'x' }] } }, `${B}.user_ids.0.id`],
    ['psp outside Limited/Unlimited', { extra: { psp: 'Baseline' } }, 'namespace.psp'],
    ['a quota below -1', { extra: { quota: { pods: -2 } } }, 'namespace.quota.pods'],
    ['a fractional quota', { extra: { quota: { cpu: 1.5 } } }, 'namespace.quota.cpu'],
    ['a quota as a string', { extra: { quota: { memory: '8' } } }, 'namespace.quota.memory'],
    ['an unknown quota item', { extra: { quota: { gpus: 1 } } }, 'namespace.quota.gpus'],
    ['an unknown field', { extra: { color: 'red' } }, 'namespace.color'],
  ] as Array<[string, { base?: Record<string, unknown>; extra?: Record<string, unknown> }, string]>)('400 naming the field for %s, and nothing is created', async (_what, o, field) => {
    const name = typeof o.base?.name === 'string' ? o.base.name : 'never-made';
    const res = await create(name, o);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 400, title: 'Bad Request' });
    expect(res.body.error.message).toContain(`${field}:`);
    if (/^[a-z0-9-]{1,63}$/.test(name) && !name.endsWith('-')) expect(await namespaceExists(name)).toBe(false);
  });

  it('400 for a missing namespace_base field and for a body that is not JSON', async () => {
    const res = await ecns(nsRoot.POST as Handler, 'namespace/', {}, { json: { namespace: { namespace_base: { name: 'x' } } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('namespace.namespace_base.cluster_name:');
    const bad = await ecns(nsRoot.POST as Handler, 'namespace/', {}, { body: '{', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });

  it('tenancy: another department\'s project is a 404, a developer may not create (403), an unknown cluster is a 404', async () => {
    expect((await create('by-oadmin', { as: 'oadmin' })).status).toBe(404);
    expect((await create('by-dev', { as: 'dev' })).status).toBe(403);
    expect((await create('elsewhere', { base: { cluster_name: 'nowhere' } })).status).toBe(404);
    for (const n of ['by-oadmin', 'by-dev', 'elsewhere']) expect(await namespaceExists(n)).toBe(false);
  });

  it('a department\'s own cluster is a 404 to other departments, and refuses another department\'s project', async () => {
    await w.db.insert(clusters).values({ id: newId(), name: 'other-eos', type: 'EOS', driver: 'simulated', server: '/k8s/other-eos', departmentId: w.departments.other.id });
    expect((await create('x1', { base: { cluster_name: 'other-eos', cluster_type: 'EOS' } })).status).toBe(404);
    const res = await create('x2', { as: 'admin', base: { cluster_name: 'other-eos', cluster_type: 'EOS' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('namespace.namespace_base.cluster_name:');
    const ok = await create('g1', {
      as: 'oadmin', base: { cluster_name: 'other-eos', cluster_type: 'EOS', business_type: 'SecurityContainer', domain: 'Other', project: 'gamma', project_id: w.projects.gamma.id },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.namespace.namespace_base.business_type).toBe('SecurityContainer');
  });
});

describe('list by cluster type', () => {
  const list = async (type: string, as: UserName, query = '') =>
    ecns(byType.GET as Handler, `namespace/clustertype/${type}/${query}`, { clusterType: type }, { as });
  const names = (r: { body: { namespaces: Array<{ namespace_base: { name: string } }> } }) => r.body.namespaces.map((n) => n.namespace_base.name).sort();

  it('lists the caller\'s namespaces with project, domain, psp and quota', async () => {
    const ops = await list('EKS', 'ops');
    expect(ops.status).toBe(200);
    expect(names(ops)).toEqual(['alpha', 'beta', 'team-a', 'team-b']);
    const teamA = ops.body.namespaces.find((n: { namespace_base: { name: string } }) => n.namespace_base.name === 'team-a');
    expect(teamA).toMatchObject({ psp: 'Limited', quota: { pods: 20, cpu: 4 }, namespace_base: { domain: 'Demo', project: 'alpha', cluster_type: 'EKS' } });
    expect(teamA.namespace_base.business_type).toBeUndefined();
  });

  it('scopes: developers see their project\'s namespaces that let them in, visitors not those limited to developers, other departments none of these', async () => {
    expect(names(await list('EKS', 'dev'))).toEqual(['alpha', 'team-a', 'team-b']);
    expect(names(await list('EKS', 'guest'))).toEqual(['alpha', 'team-a']);
    expect(names(await list('EKS', 'oadmin'))).toEqual([]);
    expect(names(await list('EOS', 'oadmin'))).toEqual(['g1']);
    expect(names(await list('CLOUD_ALL', 'admin'))).toEqual(['alpha', 'beta', 'g1', 'team-a', 'team-b']);
  });

  it('business_type filters; bad cluster types and filters are 400 naming the field', async () => {
    expect(names(await list('EOS', 'oadmin', '?business_type=SecurityContainer'))).toEqual(['g1']);
    expect(names(await list('EOS', 'oadmin', '?business_type=Normal'))).toEqual([]);
    expect(names(await list('EKS', 'ops', '?business_type=Controller'))).toEqual([]);
    const bad = await list('K8S', 'ops');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('cluster_type:');
    const badQ = await list('EKS', 'ops', '?business_type=Fancy');
    expect(badQ.status).toBe(400);
    expect(badQ.body.error.message).toContain('business_type:');
    expect((await list('EKS', 'ops', '?page=2')).body.error.message).toContain('page: unknown field');
  });
});

describe('psp, user_ids, quota', () => {
  const patchPsp = (ns: string, psp: unknown, o: { as?: UserName; query?: string } = {}) =>
    ecns(pspRoute.PATCH as Handler, `namespace/cluster/local/ns/${ns}/psp/${o.query ?? ''}`, nsParams(ns), { method: 'PATCH', as: o.as, json: { psp } });

  it('psp Limited and Unlimited set the Pod Security Admission level', async () => {
    const res = await patchPsp('alpha', 'Limited', { query: '?cluster_type=EKS' });
    expect(res.status).toBe(200);
    expect(res.body.namespace.psp).toBe('Limited');
    expect((await k8s('api/v1/namespaces/alpha')).body.metadata.labels[PSA_ENFORCE_LABEL]).toBe('restricted');
    expect((await patchPsp('alpha', 'Unlimited')).body.namespace.psp).toBe('Unlimited');
    expect((await k8s('api/v1/namespaces/alpha')).body.metadata.labels[PSA_ENFORCE_LABEL]).toBe('privileged');
  });

  it('psp: bad value or cluster type is 400 and changes nothing; a developer gets 403, another department 404', async () => {
    const bad = await patchPsp('alpha', 'Open');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('psp:');
    const wrongType = await patchPsp('alpha', 'Limited', { query: '?cluster_type=EOS' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain('cluster_type:');
    expect((await patchPsp('alpha', 'Limited', { as: 'dev' })).status).toBe(403);
    expect((await patchPsp('alpha', 'Limited', { as: 'oadmin' })).status).toBe(404);
    expect((await patchPsp('nowhere', 'Limited')).status).toBe(404);
    expect((await k8s('api/v1/namespaces/alpha')).body.metadata.labels[PSA_ENFORCE_LABEL]).toBe('privileged');
  });

  const patchUsers = (ns: string, users: unknown) =>
    ecns(usersRoute.PATCH as Handler, `namespace/cluster/local/ns/${ns}/user_ids/`, nsParams(ns), { method: 'PATCH', json: { user_ids: users } });

  it('user_ids narrows who of the project gets in, in ECNS and in the cluster API; [] opens it again', async () => {
    const res = await patchUsers('alpha', [{ id: w.users.guest.id, email: 'guest@example.com' }]);
    expect(res.status).toBe(200);
    expect(res.body.namespace.namespace_base.user_ids).toEqual([{ id: w.users.guest.id, email: 'guest@example.com' }]);
    const devList = await ecns(byType.GET as Handler, 'namespace/clustertype/EKS/', { clusterType: 'EKS' }, { as: 'dev' });
    expect(devList.body.namespaces.map((n: { namespace_base: { name: string } }) => n.namespace_base.name)).not.toContain('alpha');
    const asDev = await call(k8sRoute.GET, request('/k8s/local/api/v1/namespaces/alpha/configmaps', { token: tokens.dev }),
      { cluster: 'local', path: ['api', 'v1', 'namespaces', 'alpha', 'configmaps'] });
    expect(asDev.status).toBe(403);
    expect((await patchUsers('alpha', [])).status).toBe(200);
    expect((await k8s('api/v1/namespaces/alpha')).body.metadata.annotations?.[USERS_ANNOTATION]).toBeUndefined();
  });

  it('user_ids: strangers and malformed lists are 400 naming the entry', async () => {
    const res = await patchUsers('alpha', [{ id: w.users.dev.id }, { id: w.users.odev.id }]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('user_ids.1.id:');
    expect((await patchUsers('alpha', 'dev')).body.error.message).toContain('user_ids:');
    expect((await patchUsers('alpha', [{ id: w.users.dev.id }, { id: w.users.dev.id }])).body.error.message).toContain('user_ids:');
  });

  const setQuota = (ns: string, quota: unknown, query = '') =>
    ecns(quotaRoute.PATCH as Handler, `namespace/cluster/local/ns/${ns}/quota/${query}`, nsParams(ns), { method: 'PATCH', json: { quota } });
  const getQuota = (ns: string, as: UserName = 'ops') =>
    ecns(quotaRoute.GET as Handler, `namespace/cluster/local/ns/${ns}/quota/`, nsParams(ns), { as });

  it('quota: set creates the ResourceQuota; get shows every item in hard (-1 unlimited) and used', async () => {
    const res = await setQuota('beta', { pods: 10, cpu: 2, memory: 4, configmaps: 50 }, '?cluster_type=EKS');
    expect(res.status).toBe(200);
    const got = await getQuota('beta');
    expect(got.status).toBe(200);
    expect(got.body.quota.hard).toEqual({
      pods: 10, cpu: 2, memory: 4, statefulsets: -1, deployments: -1, jobs: -1, cronjobs: -1, storage: -1,
      persistentvolumeclaims: -1, configmaps: 50, services: -1, loadbalancers: -1, secrets: -1, ingress: -1,
    });
    expect(Object.keys(got.body.quota.used).sort()).toEqual(Object.keys(got.body.quota.hard).sort());
    expect(Object.values(got.body.quota.used).every((v) => typeof v === 'number' && v >= 0)).toBe(true);
  });

  it('quota: used counts the namespace\'s objects (pods with their limits, PVC storage, load balancers), unlimited items too', async () => {
    const post = (path: string, json: unknown) => call(k8sRoute.POST, request(`/k8s/local/${path}`, { token: tokens.admin, json }),
      { cluster: 'local', path: path.split('/') });
    const limits = (cpu: string, memory: string) => ({ limits: { cpu, memory } });
    expect((await post('api/v1/namespaces/beta/pods', { metadata: { name: 'p1' }, spec: { containers: [
      { name: 'a', image: 'nginx', resources: limits('500m', '1Gi') }, { name: 'b', image: 'nginx', resources: limits('700m', '512Mi') }] } })).status).toBe(201);
    expect((await post('api/v1/namespaces/beta/persistentvolumeclaims', { metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } })).status).toBe(201);
    expect((await post('api/v1/namespaces/beta/services', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } })).status).toBe(201);
    expect((await post('api/v1/namespaces/beta/configmaps', { metadata: { name: 'c1' }, data: {} })).status).toBe(201);
    const used = (await getQuota('beta')).body.quota.used;
    // 1.2 cores of limits is 2 cores of an integer quota; 1.5 GiB is 2 GiB.
    expect(used).toMatchObject({ pods: 1, cpu: 2, memory: 2, storage: 10, persistentvolumeclaims: 1, services: 1, loadbalancers: 1, deployments: 0 });
    expect(used.configmaps).toBeGreaterThanOrEqual(1);
  });

  it('quota: items not given stay, -1 lifts a limit', async () => {
    await setQuota('beta', { pods: 12, configmaps: -1 });
    const got = await getQuota('beta');
    expect(got.body.quota.hard).toMatchObject({ pods: 12, cpu: 2, memory: 4, configmaps: -1 });
    expect((await k8s(`api/v1/namespaces/beta/resourcequotas/${QUOTA_NAME}`)).body.spec.hard).toEqual({ pods: '12', 'limits.cpu': '2', 'limits.memory': '4Gi' });
  });

  it('quota: bad values are 400 naming the item and change nothing; a namespace without quota reads all -1', async () => {
    for (const [quota, field] of [[{ pods: -5 }, 'quota.pods'], [{ cpu: 'lots' }, 'quota.cpu'], [{ gpu: 1 }, 'quota.gpu'], [[1], 'quota']] as const) {
      const res = await setQuota('beta', quota);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`${field}:`);
    }
    expect((await getQuota('beta')).body.quota.hard.pods).toBe(12);
    const none = await getQuota('team-b');
    expect(Object.values(none.body.quota.hard).every((v) => v === -1)).toBe(true);
  });

  it('quota: members read it, others get 404; only administrators set it', async () => {
    expect((await getQuota('alpha', 'guest')).status).toBe(200);
    expect((await getQuota('beta', 'dev')).status).toBe(404);
    expect((await getQuota('beta', 'oadmin')).status).toBe(404);
    const res = await ecns(quotaRoute.PATCH as Handler, 'namespace/cluster/local/ns/alpha/quota/', nsParams('alpha'), { method: 'PATCH', as: 'dev', json: { quota: { pods: 1 } } });
    expect(res.status).toBe(403);
  });
});

describe('switch namespace and the project → cluster → namespace selector', () => {
  const sw = (projectId: string, ns: string, as: UserName, cluster = 'local') =>
    ecns(switchRoute.GET as Handler, `namespace/${projectId}/cluster/${cluster}/ns/${ns}/`, { projectId, clusterName: cluster, namespace: ns }, { as });

  it('answers the seed\'s ecns_* fields and stores the context for this credential', async () => {
    const res = await sw(w.projects.alpha.id, 'team-a', 'dev');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ecns_cluster_addr: '/k8s/local', ecns_cluster_type: 'EKS', ecns_project_id: w.projects.alpha.id, ecns_current_ns: ['team-a'], ecns_cluster_name: 'local',
    });
    const projectAll = await ecns(byType.GET as Handler, 'namespace/clustertype/PROJECT_ALL/', { clusterType: 'PROJECT_ALL' }, { as: 'ops' });
    expect(projectAll.body.namespaces.length).toBeGreaterThan(2);
    await sw(w.projects.beta.id, 'beta', 'ops');
    const onlyBeta = await ecns(byType.GET as Handler, 'namespace/clustertype/PROJECT_ALL/', { clusterType: 'PROJECT_ALL' }, { as: 'ops' });
    expect(onlyBeta.body.namespaces.map((n: { namespace_base: { name: string } }) => n.namespace_base.name)).toEqual(['beta']);
  });

  it('404 for a namespace of another project, a project the caller does not see, or an unknown cluster', async () => {
    expect((await sw(w.projects.alpha.id, 'beta', 'ops')).status).toBe(404);
    expect((await sw(w.projects.beta.id, 'beta', 'dev')).status).toBe(404);
    expect((await sw(w.projects.gamma.id, 'alpha', 'ops')).status).toBe(404);
    expect((await sw(w.projects.alpha.id, 'alpha', 'ops', 'nowhere')).status).toBe(404);
  });

  it('the selector lists each visible project with the clusters where the caller has its namespaces', async () => {
    const dev = await ecns(nsRoot.GET as Handler, 'namespace/', {}, { as: 'dev' });
    expect(dev.status).toBe(200);
    expect(dev.body).toEqual([{
      project_name: 'alpha', project_id: w.projects.alpha.id,
      clusters: [{ cluster_name: 'local', cluster_addr: '/k8s/local', cluster_type: 'EKS', namespaces: ['alpha', 'team-a', 'team-b'] }],
    }]);
    const ops = await ecns(nsRoot.GET as Handler, 'namespace/', {}, { as: 'ops' });
    expect(ops.body.map((p: { project_name: string }) => p.project_name)).toEqual(['alpha', 'beta']);
    const oadmin = await ecns(nsRoot.GET as Handler, 'namespace/?business_type=SecurityContainer', {}, { as: 'oadmin' });
    expect(oadmin.body).toEqual([{ project_name: 'gamma', project_id: w.projects.gamma.id,
      clusters: [{ cluster_name: 'other-eos', cluster_addr: '/k8s/other-eos', cluster_type: 'EOS', namespaces: ['g1'] }] }]);
    expect((await ecns(nsRoot.GET as Handler, 'namespace/?business_type=x', {}, { as: 'ops' })).status).toBe(400);
  });
});

describe('delete', () => {
  const del = (ns: string, as: UserName = 'ops') =>
    ecns(one.DELETE as Handler, `namespace/cluster/local/ns/${ns}/`, nsParams(ns), { method: 'DELETE', as });
  const delMany = (namespaces: unknown, as: UserName = 'ops') =>
    ecns(nsRoot.DELETE as Handler, 'namespace/', {}, { method: 'DELETE', as, json: { namespaces } });

  it('one: administrators only (403 for a developer, 404 for another department), then it is gone with an audit record', async () => {
    await create('doomed-1');
    expect((await del('doomed-1', 'dev')).status).toBe(403);
    expect((await del('doomed-1', 'oadmin')).status).toBe(404);
    expect(await namespaceExists('doomed-1')).toBe(true);
    const res = await del('doomed-1');
    expect(res.status).toBe(204);
    expect(await namespaceExists('doomed-1')).toBe(false);
    expect((await del('doomed-1')).status).toBe(404);
    const audit = await w.db.select().from(auditLog).where(and(eq(auditLog.action, 'delete'), eq(auditLog.resourceId, 'local/doomed-1')));
    expect(audit).toHaveLength(1);
  });

  it('many: one unknown entry deletes none (404 naming its place); then all go at once', async () => {
    await create('doomed-2');
    await create('doomed-3');
    const refs = [base('doomed-2'), { name: 'doomed-3', cluster_name: 'local' }];
    const bad = await delMany([...refs, { name: 'ghost', cluster_name: 'local' }]);
    expect(bad.status).toBe(404);
    expect(bad.body.error.message).toContain('namespaces.2');
    expect(await namespaceExists('doomed-2')).toBe(true);
    expect(await namespaceExists('doomed-3')).toBe(true);
    expect((await delMany(refs, 'oadmin')).status).toBe(404);
    expect((await delMany(refs)).status).toBe(204);
    expect(await namespaceExists('doomed-2')).toBe(false);
    expect(await namespaceExists('doomed-3')).toBe(false);
  });

  it('many: an empty list or an entry without a cluster is 400 naming the field', async () => {
    expect((await delMany([])).body.error.message).toContain('namespaces:');
    expect((await delMany([{ name: 'alpha' }])).body.error.message).toContain('namespaces.0.cluster_name:');
    expect(await namespaceExists('alpha')).toBe(true);
  });
});
