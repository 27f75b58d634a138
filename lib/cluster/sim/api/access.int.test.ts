import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST, PATCH, DELETE } from '@/app/k8s/[cluster]/[...path]/route';
import { body, call, request, type RequestOptions } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { PROJECT_LABEL, ROLES_ANNOTATION, USERS_ANNOTATION } from '@/lib/cluster/namespaces/labels';
import { seedLocalCluster } from '../seed';

/** Who may do what in the simulated cluster's API once namespaces belong to projects (docs/namespaces.md). */
const w = setupWorld();
const tokens = {} as Record<UserName | 'scoped', string>;
const HANDLERS = { GET, POST, PATCH, DELETE };

beforeAll(async () => {
  await seedLocalCluster(w.db, new Date());
  for (const who of ['admin', 'ops', 'dev', 'guest', 'oadmin', 'odev'] as UserName[]) tokens[who] = await tokenFor(w, who);
  tokens.scoped = await tokenFor(w, 'ops', { projectId: w.projects.beta.id });
  const ns = (name: string, projectId: string, annotations: Record<string, string> = {}) =>
    k8s('api/v1/namespaces', { json: { metadata: { name, labels: { [PROJECT_LABEL]: projectId }, annotations } } });
  expect((await ns('gamma-ns', w.projects.gamma.id)).status).toBe(201);
  expect((await ns('alpha-others', w.projects.alpha.id, { [USERS_ANNOTATION]: JSON.stringify([{ id: 'someone-else' }]) })).status).toBe(201);
  expect((await ns('alpha-devs', w.projects.alpha.id, { [ROLES_ANNOTATION]: 'Developer' })).status).toBe(201);
});

function k8s(path: string, o: RequestOptions & { as?: UserName | 'scoped' } = {}) {
  const { as = 'admin', ...rest } = o;
  const method = (rest.method ?? (rest.json !== undefined ? 'POST' : 'GET')) as keyof typeof HANDLERS;
  const segments = new URL(path, 'http://x').pathname.split('/').filter(Boolean);
  return call(HANDLERS[method], request(`/k8s/local/${path}`, { ...rest, method, headers: { authorization: `Bearer ${tokens[as]}` } }),
    { cluster: 'local', path: segments });
}

const cm = (name: string) => ({ metadata: { name }, data: { a: '1' } });
const status = async (path: string, as: UserName | 'scoped', o: RequestOptions = {}) => (await k8s(path, { ...o, as })).status;

describe('namespaced objects', () => {
  it('the demo namespaces carry their project', async () => {
    const alpha = await body(await k8s('api/v1/namespaces/alpha'));
    expect(alpha.metadata.labels[PROJECT_LABEL]).toBe(w.projects.alpha.id);
    const beta = await body(await k8s('api/v1/namespaces/beta'));
    expect(beta.metadata.labels[PROJECT_LABEL]).toBe(w.projects.beta.id);
  });

  it('a developer reads and writes its project\'s namespaces and nothing else', async () => {
    expect(await status('api/v1/namespaces/alpha/configmaps', 'dev', { json: cm('dev-1') })).toBe(201);
    expect(await status('api/v1/namespaces/alpha/configmaps/dev-1', 'dev', { method: 'DELETE' })).toBe(200);
    expect(await status('api/v1/namespaces/alpha/secrets', 'dev')).toBe(200);
    expect(await status('api/v1/namespaces/beta/configmaps', 'dev')).toBe(403);
    expect(await status('api/v1/namespaces/default/configmaps', 'dev')).toBe(403);
    expect(await status('api/v1/namespaces/gamma-ns/configmaps', 'dev')).toBe(403);
    // All namespaces at once would show other tenants' objects.
    expect(await status('api/v1/configmaps', 'dev')).toBe(403);
  });

  it('a visitor only reads, and not Secrets', async () => {
    expect(await status('api/v1/namespaces/alpha/configmaps', 'guest')).toBe(200);
    expect(await status('api/v1/namespaces/alpha/configmaps?watch=1&timeoutSeconds=1', 'guest')).toBe(200);
    expect(await status('api/v1/namespaces/alpha/configmaps', 'guest', { json: cm('guest-1') })).toBe(403);
    expect(await status('api/v1/namespaces/alpha/secrets', 'guest')).toBe(403);
  });

  it('user_ids and role on the namespace narrow who of the project gets in', async () => {
    expect(await status('api/v1/namespaces/alpha-others/configmaps', 'dev')).toBe(403);
    expect(await status('api/v1/namespaces/alpha-others/configmaps', 'ops')).toBe(200);
    expect(await status('api/v1/namespaces/alpha-devs/configmaps', 'dev')).toBe(200);
    expect(await status('api/v1/namespaces/alpha-devs/configmaps', 'guest')).toBe(403);
  });

  it('a department admin gets its department\'s projects\' namespaces in a shared cluster, not others\' or unowned ones', async () => {
    expect(await status('api/v1/namespaces/beta/configmaps', 'ops', { json: cm('ops-1') })).toBe(201);
    expect(await status('api/v1/namespaces/gamma-ns/configmaps', 'ops')).toBe(403);
    expect(await status('api/v1/namespaces/gamma-ns/configmaps', 'oadmin', { json: cm('oadmin-1') })).toBe(201);
    expect(await status('api/v1/namespaces/alpha/configmaps', 'oadmin')).toBe(403);
    expect(await status('api/v1/namespaces/default/configmaps', 'ops')).toBe(403);
  });

  it('a project-scoped token reaches only that project', async () => {
    expect(await status('api/v1/namespaces/beta/configmaps', 'scoped')).toBe(200);
    expect(await status('api/v1/namespaces/alpha/configmaps', 'scoped')).toBe(403);
  });

  it('system admins reach everything', async () => {
    expect(await status('api/v1/namespaces/default/configmaps', 'admin', { json: cm('admin-1') })).toBe(201);
    expect(await status('api/v1/configmaps', 'admin')).toBe(200);
  });
});

describe('cluster-scoped kinds', () => {
  it('nodes and storage classes are readable by every user of the cluster, writable by none of them', async () => {
    for (const as of ['dev', 'guest', 'ops', 'odev'] as const) {
      expect(await status('api/v1/nodes', as)).toBe(200);
      expect(await status('apis/storage.k8s.io/v1/storageclasses', as)).toBe(200);
    }
    expect(await status('api/v1/nodes/worker-1', 'ops', { method: 'PATCH', body: '{"metadata":{"labels":{"x":"y"}}}', headers: { 'content-type': 'application/merge-patch+json' } })).toBe(403);
    expect(await status('api/v1/persistentvolumes', 'ops')).toBe(403);
  });

  it('a namespace is readable by name by those who may use it; listing them all is for cluster admins', async () => {
    expect(await status('api/v1/namespaces/alpha', 'dev')).toBe(200);
    expect(await status('api/v1/namespaces/beta', 'dev')).toBe(403);
    expect(await status('api/v1/namespaces', 'ops')).toBe(403);
    expect(await status('api/v1/namespaces', 'admin')).toBe(200);
    const created = await k8s('api/v1/namespaces', { as: 'ops', json: { metadata: { name: 'by-ops' } } });
    expect(created.status).toBe(403);
    expect(await body(created)).toMatchObject({ reason: 'Forbidden', message: 'namespaces is forbidden: User "ops" cannot create resource "namespaces" in API group "" at the cluster scope' });
  });
});
