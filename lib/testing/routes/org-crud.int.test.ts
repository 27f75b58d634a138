import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '@/db/schema';
import { POST as createDepartment } from '@/app/api/pier/departments/route';
import { DELETE as deleteDepartment, PATCH as patchDepartment } from '@/app/api/pier/departments/[id]/route';
import { POST as createProject } from '@/app/api/pier/projects/route';
import { DELETE as deleteProject, PATCH as patchProject } from '@/app/api/pier/projects/[id]/route';
import { POST as addMember } from '@/app/api/pier/projects/[id]/members/route';
import { DELETE as removeMember } from '@/app/api/pier/projects/[id]/members/[userId]/route';
import { POST as createUser } from '@/app/api/pier/users/route';
import { DELETE as deleteUser, PATCH as patchUser } from '@/app/api/pier/users/[id]/route';
import { tableCounts } from '../db';
import { body, call, request } from '../http';
import { tokenFor, setupWorld } from '../world';

const w = setupWorld();

let adminToken = '';
const admin = async () => (adminToken ||= await tokenFor(w, 'admin'));

async function post(handler: typeof createDepartment, path: string, json: unknown, token?: string) {
  return call(handler, request(path, { json, token: token ?? (await admin()) }));
}

async function auditFor(resourceId: string, action: string) {
  return w.db.select().from(auditLog).where(and(eq(auditLog.resourceId, resourceId), eq(auditLog.action, action)));
}

async function expectInvalid(res: Response, field: string) {
  expect(res.status).toBe(400);
  const b = await body(res);
  expect(b.error).toMatchObject({ code: 400, reason: 'invalid' });
  expect(Object.keys(b.error.fields)).toContain(field);
  return b.error.fields[field] as string;
}

describe('departments', () => {
  it('create (201, audited), duplicate name (409), rename (audited with before/after), delete when empty', async () => {
    const res = await post(createDepartment, '/api/pier/departments', { name: 'Research', description: 'R&D' });
    expect(res.status).toBe(201);
    const dept = await body(res);
    expect(dept).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Research', description: 'R&D' });
    const [created] = await auditFor(dept.id, 'create');
    expect(created).toMatchObject({ actorId: w.users.admin.id, actorName: 'admin', resourceType: 'department', resourceName: 'Research', before: null });
    expect(created.after).toMatchObject({ name: 'Research' });

    const dup = await post(createDepartment, '/api/pier/departments', { name: 'Research' });
    expect(dup.status).toBe(409);
    expect((await body(dup)).error).toMatchObject({ code: 409, reason: 'conflict' });
    expect((await post(createDepartment, '/api/pier/departments', { name: 'Demo' })).status).toBe(409);

    const t = await admin();
    const renamed = await call(patchDepartment, request(`/api/pier/departments/${dept.id}`, { method: 'PATCH', json: { name: 'Research2' }, token: t }), { id: dept.id });
    expect(renamed.status).toBe(200);
    const [upd] = await auditFor(dept.id, 'update');
    expect(upd.before).toMatchObject({ name: 'Research' });
    expect(upd.after).toMatchObject({ name: 'Research2' });
    const clash = await call(patchDepartment, request(`/api/pier/departments/${dept.id}`, { method: 'PATCH', json: { name: 'Other' }, token: t }), { id: dept.id });
    expect(clash.status).toBe(409);

    const del = await call(deleteDepartment, request(`/api/pier/departments/${dept.id}`, { method: 'DELETE', token: t }), { id: dept.id });
    expect(del.status).toBe(204);
    const [gone] = await auditFor(dept.id, 'delete');
    expect(gone.before).toMatchObject({ name: 'Research2' });
  });

  it('a department that has projects cannot be deleted (409), nor one with users', async () => {
    const t = await admin();
    const before = await tableCounts(w.db);
    const demo = w.departments.demo.id;
    const res = await call(deleteDepartment, request(`/api/pier/departments/${demo}`, { method: 'DELETE', token: t }), { id: demo });
    expect(res.status).toBe(409);
    expect(await tableCounts(w.db)).toEqual(before);

    const d = await body(await post(createDepartment, '/api/pier/departments', { name: 'Staffed' }));
    const u = await post(createUser, '/api/pier/users', { name: 'staffer', role: 'developer', departmentId: d.id, password: 'staffer-pass' });
    expect(u.status).toBe(201);
    const r2 = await call(deleteDepartment, request(`/api/pier/departments/${d.id}`, { method: 'DELETE', token: t }), { id: d.id });
    expect(r2.status).toBe(409);
  });

  it.each([
    ['an empty name', { name: '' }, 'name'],
    ['a name with "/"', { name: 'a/b' }, 'name'],
    ['a 65-character name', { name: 'x'.repeat(65) }, 'name'],
    ['a 256-character description', { name: 'ok', description: 'd'.repeat(256) }, 'description'],
    ['an unknown field', { name: 'ok', colour: 'red' }, 'colour'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_l, json, field) => {
    const before = await tableCounts(w.db);
    await expectInvalid(await post(createDepartment, '/api/pier/departments', json), field);
    expect(await tableCounts(w.db)).toEqual(before);
  });
});

describe('projects', () => {
  it('create, duplicate in the same department (409), same name in another department, update, delete: all audited', async () => {
    const demo = w.departments.demo.id;
    const res = await post(createProject, '/api/pier/projects', { departmentId: demo, name: 'delta', description: 'd' });
    expect(res.status).toBe(201);
    const p = await body(res);
    expect(p).toMatchObject({ name: 'delta', departmentId: demo, departmentName: 'Demo' });
    expect(await auditFor(p.id, 'create')).toEqual([expect.objectContaining({ actorId: w.users.admin.id, projectId: p.id, departmentId: demo })]);

    expect((await post(createProject, '/api/pier/projects', { departmentId: demo, name: 'delta' })).status).toBe(409);
    expect((await post(createProject, '/api/pier/projects', { departmentId: w.departments.other.id, name: 'delta' })).status).toBe(201);

    const t = await admin();
    const upd = await call(patchProject, request(`/api/pier/projects/${p.id}`, { method: 'PATCH', json: { description: 'new' }, token: t }), { id: p.id });
    expect(upd.status).toBe(200);
    expect(await body(upd)).toMatchObject({ description: 'new' });
    const [a] = await auditFor(p.id, 'update');
    expect(a.before).toMatchObject({ description: 'd' });
    expect(a.after).toMatchObject({ description: 'new' });
    // A project's name is fixed: it is part of Kubernetes names later.
    await expectInvalid(await call(patchProject, request(`/api/pier/projects/${p.id}`, { method: 'PATCH', json: { name: 'x' }, token: t }), { id: p.id }), 'name');

    const del = await call(deleteProject, request(`/api/pier/projects/${p.id}`, { method: 'DELETE', token: t }), { id: p.id });
    expect(del.status).toBe(204);
    expect(await auditFor(p.id, 'delete')).toHaveLength(1);
  });

  it.each([
    ['uppercase', 'Delta', 'name'],
    ['a leading dash', '-delta', 'name'],
    ['a 64-character name', 'a'.repeat(64), 'name'],
    ['an empty name', '', 'name'],
  ])('refuses a name with %s (400 naming the field)', async (_l, name, field) => {
    const before = await tableCounts(w.db);
    await expectInvalid(await post(createProject, '/api/pier/projects', { departmentId: w.departments.demo.id, name }), field);
    expect(await tableCounts(w.db)).toEqual(before);
  });

  it('refuses a malformed department id (400) and an unknown one (404)', async () => {
    await expectInvalid(await post(createProject, '/api/pier/projects', { departmentId: 'nope', name: 'x1' }), 'departmentId');
    const res = await post(createProject, '/api/pier/projects', { departmentId: '0'.repeat(32), name: 'x1' });
    expect(res.status).toBe(404);
  });

  it('membership: add (204, audited), add again (409), remove (204, audited), admins cannot be members (400)', async () => {
    const t = await admin();
    const beta = w.projects.beta.id;
    const add = () => call(addMember, request(`/api/pier/projects/${beta}/members`, { json: { userId: w.users.guest.id }, token: t }), { id: beta });
    expect((await add()).status).toBe(204);
    expect(await auditFor(beta, 'add-member')).toEqual([expect.objectContaining({ actorId: w.users.admin.id, after: expect.objectContaining({ userId: w.users.guest.id }) })]);
    expect((await add()).status).toBe(409);
    const rm = await call(removeMember, request(`/api/pier/projects/${beta}/members/${w.users.guest.id}`, { method: 'DELETE', token: t }), { id: beta, userId: w.users.guest.id });
    expect(rm.status).toBe(204);
    expect(await auditFor(beta, 'remove-member')).toHaveLength(1);
    const opsIn = await call(addMember, request(`/api/pier/projects/${beta}/members`, { json: { userId: w.users.ops.id }, token: t }), { id: beta });
    await expectInvalid(opsIn, 'userId');
    // A user of another department cannot join.
    const odevIn = await call(addMember, request(`/api/pier/projects/${beta}/members`, { json: { userId: w.users.odev.id }, token: t }), { id: beta });
    expect(odevIn.status).toBe(404);
  });
});

describe('users', () => {
  const valid = () => ({ name: 'new.user_1', role: 'developer', departmentId: w.departments.demo.id, password: 'long-enough' });

  it('creates a user (201, no password hash in the answer, audited without the password), duplicate name 409', async () => {
    const res = await post(createUser, '/api/pier/users', { ...valid(), projectIds: [w.projects.alpha.id], displayName: 'New', email: 'n@example.com' });
    expect(res.status).toBe(201);
    const u = await body(res);
    expect(u).toMatchObject({ name: 'new.user_1', role: 'developer', departmentId: w.departments.demo.id, projects: [{ id: w.projects.alpha.id, name: 'alpha' }] });
    const text = JSON.stringify(u);
    expect(text).not.toMatch(/password|argon2/i);
    const [a] = await auditFor(u.id, 'create');
    expect(a).toMatchObject({ actorId: w.users.admin.id, resourceType: 'user', departmentId: w.departments.demo.id });
    expect(JSON.stringify(a)).not.toContain('long-enough');
    const [row] = await w.db.select().from(users).where(eq(users.id, u.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);

    expect((await post(createUser, '/api/pier/users', valid())).status).toBe(409);
  });

  it.each([
    ['a name with a space', { name: 'bad name' }, 'name'],
    ['a name starting with "."', { name: '.dot' }, 'name'],
    ['a one-character name', { name: 'a' }, 'name'],
    ['a 33-character name', { name: 'a'.repeat(33) }, 'name'],
    ['a 7-character password', { password: 'short77' }, 'password'],
    ['a 129-character password', { password: 'p'.repeat(129) }, 'password'],
    ['a system admin with a department', { role: 'system_admin' }, 'departmentId'],
    ['a developer without a department', { departmentId: null }, 'departmentId'],
    ['an unknown role', { role: 'root' }, 'role'],
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['an unknown field', { shoeSize: 44 }, 'shoeSize'],
    ['a project of another department', { projectIds: ['GAMMA'] }, 'projectIds'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_l, patch, field) => {
    const json: Record<string, unknown> = { ...valid(), name: 'someone-new', ...patch };
    if (Array.isArray(json.projectIds)) json.projectIds = [w.projects.gamma.id];
    const before = await tableCounts(w.db);
    await expectInvalid(await post(createUser, '/api/pier/users', json), field);
    expect(await tableCounts(w.db)).toEqual(before);
  });

  it('accepts the edges: 2- and 32-character names, an 8-character password, a system admin without department', async () => {
    expect((await post(createUser, '/api/pier/users', { ...valid(), name: 'ab' })).status).toBe(201);
    expect((await post(createUser, '/api/pier/users', { ...valid(), name: 'b'.repeat(32), password: '12345678' })).status).toBe(201);
    expect((await post(createUser, '/api/pier/users', { name: 'root2', role: 'system_admin', departmentId: null, password: 'root2-pass' })).status).toBe(201);
  });

  it('update and delete are audited with before/after; you cannot delete or demote yourself', async () => {
    const u = await body(await post(createUser, '/api/pier/users', { ...valid(), name: 'to-change' }));
    const t = await admin();
    const upd = await call(patchUser, request(`/api/pier/users/${u.id}`, { method: 'PATCH', json: { role: 'visitor', displayName: 'Changed' }, token: t }), { id: u.id });
    expect(upd.status).toBe(200);
    expect(await body(upd)).toMatchObject({ role: 'visitor', displayName: 'Changed' });
    const [a] = await auditFor(u.id, 'update');
    expect(a.before).toMatchObject({ role: 'developer' });
    expect(a.after).toMatchObject({ role: 'visitor', displayName: 'Changed' });

    const del = await call(deleteUser, request(`/api/pier/users/${u.id}`, { method: 'DELETE', token: t }), { id: u.id });
    expect(del.status).toBe(204);
    expect(await auditFor(u.id, 'delete')).toHaveLength(1);

    const ops = await tokenFor(w, 'ops');
    const self = await call(deleteUser, request(`/api/pier/users/${w.users.ops.id}`, { method: 'DELETE', token: ops }), { id: w.users.ops.id });
    expect(self.status).toBe(400);
    const demote = await call(patchUser, request(`/api/pier/users/${w.users.ops.id}`, { method: 'PATCH', json: { role: 'developer' }, token: ops }), { id: w.users.ops.id });
    expect(demote.status).toBe(400);
  });
});
