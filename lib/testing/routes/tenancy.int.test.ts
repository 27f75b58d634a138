import { describe, expect, it } from 'vitest';
import { GET as organization } from '@/app/api/ecns/[productType]/organization/route';
import { GET as ecnsProjects } from '@/app/api/ecns/[productType]/projects/route';
import { GET as listProjects, POST as createProject } from '@/app/api/pier/projects/route';
import { GET as getProject, PATCH as patchProject, DELETE as deleteProject } from '@/app/api/pier/projects/[id]/route';
import { POST as addMember } from '@/app/api/pier/projects/[id]/members/route';
import { GET as listDepartments, POST as createDepartment } from '@/app/api/pier/departments/route';
import { GET as getDepartment } from '@/app/api/pier/departments/[id]/route';
import { GET as listUsers, POST as createUser } from '@/app/api/pier/users/route';
import { GET as getUser, PATCH as patchUser } from '@/app/api/pier/users/[id]/route';
import { GET as ief } from '@/app/v3/[projectId]/edgemgr/[...path]/route';
import { tableCounts } from '../db';
import { body, call, request } from '../http';
import { tokenFor, setupWorld, type UserName } from '../world';

const w = setupWorld();

async function projectNames(who: UserName, opts: { projectId?: string } = {}): Promise<string[]> {
  const t = await tokenFor(w, who, opts);
  const res = await call(listProjects, request('/api/pier/projects', { token: t }));
  expect(res.status).toBe(200);
  return (await body(res)).items.map((p: { name: string }) => p.name).sort();
}

async function orgOf(who: UserName, opts: { projectId?: string; kind?: 'keystone' } = {}) {
  const t = await tokenFor(w, who, opts);
  const res = await call(organization, request('/api/ecns/eks/organization/', { token: t }), { productType: 'eks' });
  expect(res.status).toBe(200);
  return (await body(res)).domains_selector as { domain_name: string; projects: { project_name: string }[] }[];
}

const simplify = (tree: Awaited<ReturnType<typeof orgOf>>) =>
  tree.map((d) => ({ domain: d.domain_name, projects: d.projects.map((p) => p.project_name).sort() }));

describe('what each role sees', () => {
  it('dev (developer in alpha) sees only alpha', async () => {
    expect(await projectNames('dev')).toEqual(['alpha']);
    expect(simplify(await orgOf('dev'))).toEqual([{ domain: 'Demo', projects: ['alpha'] }]);
  });

  it('guest (visitor in alpha) sees only alpha', async () => {
    expect(await projectNames('guest')).toEqual(['alpha']);
  });

  it('ops (Demo admin) sees Demo\'s projects and not another department\'s', async () => {
    expect(await projectNames('ops')).toEqual(['alpha', 'beta']);
    expect(simplify(await orgOf('ops'))).toEqual([{ domain: 'Demo', projects: ['alpha', 'beta'] }]);
    const t = await tokenFor(w, 'ops');
    const depts = await body(await call(listDepartments, request('/api/pier/departments', { token: t })));
    expect(depts.items.map((d: { name: string }) => d.name)).toEqual(['Demo']);
    const users = await body(await call(listUsers, request('/api/pier/users', { token: t })));
    expect(users.items.map((u: { name: string }) => u.name).sort()).toEqual(['dev', 'guest', 'ops']);
  });

  it('oadmin sees Other and nothing of Demo', async () => {
    expect(simplify(await orgOf('oadmin'))).toEqual([{ domain: 'Other', projects: ['gamma'] }]);
  });

  it('admin (system admin) sees every department and project', async () => {
    expect(await projectNames('admin')).toEqual(['alpha', 'beta', 'gamma']);
    expect(simplify(await orgOf('admin'))).toEqual([
      { domain: 'Demo', projects: ['alpha', 'beta'] },
      { domain: 'Other', projects: ['gamma'] },
    ]);
  });

  it('a project-scoped token sees only its project', async () => {
    expect(await projectNames('ops', { projectId: w.projects.alpha.id })).toEqual(['alpha']);
    expect(simplify(await orgOf('ops', { projectId: w.projects.beta.id, kind: 'keystone' }))).toEqual([{ domain: 'Demo', projects: ['beta'] }]);
    expect(simplify(await orgOf('admin', { projectId: w.projects.gamma.id, kind: 'keystone' }))).toEqual([{ domain: 'Other', projects: ['gamma'] }]);
    const t = await tokenFor(w, 'ops', { projectId: w.projects.alpha.id, kind: 'keystone' });
    const p = await call(ecnsProjects, request('/api/ecns/eks/projects/', { token: t }), { productType: 'eks' });
    expect((await body(p)).projects.map((x: { project_name: string }) => x.project_name)).toEqual(['alpha']);
    const beta = await call(getProject, request(`/api/pier/projects/${w.projects.beta.id}`, { token: t }), { id: w.projects.beta.id });
    expect(beta.status).toBe(404);
  });
});

describe('another tenant\'s things are 404, never 403', () => {
  it('a project-scoped token cannot change another project of its department (404)', async () => {
    const t = await tokenFor(w, 'ops', { projectId: w.projects.alpha.id, kind: 'keystone' });
    const beta = w.projects.beta.id;
    const before = await tableCounts(w.db);
    expect((await call(patchProject, request(`/api/pier/projects/${beta}`, { method: 'PATCH', json: { description: 'x' }, token: t }), { id: beta })).status).toBe(404);
    expect((await call(addMember, request(`/api/pier/projects/${beta}/members`, { json: { userId: w.users.dev.id }, token: t }), { id: beta })).status).toBe(404);
    expect((await call(deleteProject, request(`/api/pier/projects/${beta}`, { method: 'DELETE', token: t }), { id: beta })).status).toBe(404);
    expect(await tableCounts(w.db)).toEqual(before);
  });

  it.each([
    ['dev', 'beta'],
    ['dev', 'gamma'],
    ['guest', 'beta'],
    ['ops', 'gamma'],
    ['oadmin', 'alpha'],
    ['odev', 'alpha'],
  ] as const)('%s asking for project %s by id gets 404', async (who, project) => {
    const t = await tokenFor(w, who);
    const id = w.projects[project].id;
    const res = await call(getProject, request(`/api/pier/projects/${id}`, { token: t }), { id });
    expect(res.status).toBe(404);
    const b = await body(res);
    expect(b.error).toMatchObject({ code: 404, reason: 'not_found' });
  });

  it('ops asking for another department by id gets 404; for their own, 200', async () => {
    const t = await tokenFor(w, 'ops');
    const other = await call(getDepartment, request(`/api/pier/departments/${w.departments.other.id}`, { token: t }), { id: w.departments.other.id });
    expect(other.status).toBe(404);
    const own = await call(getDepartment, request(`/api/pier/departments/${w.departments.demo.id}`, { token: t }), { id: w.departments.demo.id });
    expect(own.status).toBe(200);
  });

  it('ops asking for another department\'s user gets 404', async () => {
    const t = await tokenFor(w, 'ops');
    const id = w.users.odev.id;
    expect((await call(getUser, request(`/api/pier/users/${id}`, { token: t }), { id })).status).toBe(404);
  });

  it('ops cannot change another department\'s project or user (404, nothing changes)', async () => {
    const t = await tokenFor(w, 'ops');
    const before = await tableCounts(w.db);
    const gamma = w.projects.gamma.id;
    expect((await call(patchProject, request(`/api/pier/projects/${gamma}`, { method: 'PATCH', json: { description: 'x' }, token: t }), { id: gamma })).status).toBe(404);
    expect((await call(deleteProject, request(`/api/pier/projects/${gamma}`, { method: 'DELETE', token: t }), { id: gamma })).status).toBe(404);
    const odev = w.users.odev.id;
    expect((await call(patchUser, request(`/api/pier/users/${odev}`, { method: 'PATCH', json: { displayName: 'x' }, token: t }), { id: odev })).status).toBe(404);
    const p = await call(createProject, request('/api/pier/projects', { json: { departmentId: w.departments.other.id, name: 'sneaky' }, token: t }));
    expect(p.status).toBe(404);
    const u = await call(createUser, request('/api/pier/users', {
      json: { name: 'sneaky', role: 'developer', departmentId: w.departments.other.id, password: 'sneaky-pass' }, token: t,
    }));
    expect(u.status).toBe(404);
    expect(await tableCounts(w.db)).toEqual(before);
  });

  it('IEF answers a project_id the caller cannot see with 400 IEF.100001', async () => {
    const t = await tokenFor(w, 'dev');
    const beta = w.projects.beta.id;
    const res = await call(ief, request(`/v3/${beta}/edgemgr/deployments`, { token: t }), { projectId: beta, path: ['deployments'] });
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({ error_code: 'IEF.100001', error_msg: expect.any(String) });
    const alpha = w.projects.alpha.id;
    const own = await call(ief, request(`/v3/${alpha}/edgemgr/deployments`, { token: t }), { projectId: alpha, path: ['deployments'] });
    expect(own.status).not.toBe(400);
  });
});

describe('roles: who may change the organization', () => {
  const attempts = (who: UserName, token: string) => [
    ['create a department', () => call(createDepartment, request('/api/pier/departments', { json: { name: `by-${who}` }, token }))],
    ['create a project', () => call(createProject, request('/api/pier/projects', { json: { departmentId: w.departments.demo.id, name: `by-${who}` }, token }))],
    ['create a user', () => call(createUser, request('/api/pier/users', {
      json: { name: `by-${who}`, role: 'developer', departmentId: w.departments.demo.id, password: 'some-password' }, token,
    }))],
    ['add a member', () => call(addMember, request(`/api/pier/projects/${w.projects.alpha.id}/members`, { json: { userId: w.users.ops.id }, token }), { id: w.projects.alpha.id })],
    ['edit a project', () => call(patchProject, request(`/api/pier/projects/${w.projects.alpha.id}`, { method: 'PATCH', json: { description: 'changed' }, token }), { id: w.projects.alpha.id })],
    ['delete a project', () => call(deleteProject, request(`/api/pier/projects/${w.projects.alpha.id}`, { method: 'DELETE', token }), { id: w.projects.alpha.id })],
  ] as const;

  it.each(['dev', 'guest'] as const)('%s gets 403 for every organization change in their own department, and nothing changes', async (who) => {
    const t = await tokenFor(w, who);
    const before = await tableCounts(w.db);
    for (const [label, attempt] of attempts(who, t)) {
      const res = await attempt();
      expect(res.status, `${who}: ${label}`).toBe(403);
      expect((await body(res)).error).toMatchObject({ code: 403, reason: 'forbidden' });
    }
    expect(await tableCounts(w.db)).toEqual(before);
  });

  it('guest (visitor) can still read', async () => {
    const t = await tokenFor(w, 'guest');
    const alpha = w.projects.alpha.id;
    expect((await call(getProject, request(`/api/pier/projects/${alpha}`, { token: t }), { id: alpha })).status).toBe(200);
    expect((await call(organization, request('/api/ecns/eks/organization/', { token: t }), { productType: 'eks' })).status).toBe(200);
  });

  it('ops may create projects and users in Demo, but not departments or system admins', async () => {
    const t = await tokenFor(w, 'ops');
    expect((await call(createDepartment, request('/api/pier/departments', { json: { name: 'ops-dept' }, token: t }))).status).toBe(403);
    expect((await call(createProject, request('/api/pier/projects', { json: { departmentId: w.departments.demo.id, name: 'ops-proj' }, token: t }))).status).toBe(201);
    const u = await call(createUser, request('/api/pier/users', {
      json: { name: 'ops-made', role: 'visitor', departmentId: w.departments.demo.id, password: 'ops-made-pass' }, token: t,
    }));
    expect(u.status).toBe(201);
    const sys = await call(createUser, request('/api/pier/users', {
      json: { name: 'ops-root', role: 'system_admin', departmentId: null, password: 'ops-root-pass' }, token: t,
    }));
    expect(sys.status).toBe(403);
  });
});
