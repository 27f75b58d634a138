import { describe, expect, it } from 'vitest';
import { GET as audit } from '@/app/api/pier/audit/route';
import { createDepartment } from '@/lib/org/departments';
import { createProject } from '@/lib/org/projects';
import { body, call, request } from '../http';
import { tokenFor, setupWorld, type UserName } from '../world';

const w = setupWorld();

async function read(who: UserName, query = '') {
  return call(audit, request(`/api/pier/audit${query}`, { token: await tokenFor(w, who) }));
}

describe('GET /api/pier/audit', () => {
  it.each(['dev', 'guest', 'odev'] as const)('is for administrators only: %s gets 403', async (who) => {
    const res = await read(who);
    expect(res.status).toBe(403);
    expect((await body(res)).error).toMatchObject({ code: 403, reason: 'forbidden' });
  });

  it('shows the system admin every row, newest first, paginated', async () => {
    await createProject(w.ctx('oadmin'), { departmentId: w.departments.other.id, name: 'audit-other', description: '' });
    await createProject(w.ctx('ops'), { departmentId: w.departments.demo.id, name: 'audit-demo', description: '' });
    const res = await read('admin', '?pageSize=200');
    expect(res.status).toBe(200);
    const b = await body(res);
    expect(b).toMatchObject({ page: 1, pageSize: 200, total: expect.any(Number) });
    const names = b.items.map((r: { resourceName: string }) => r.resourceName);
    expect(names).toEqual(expect.arrayContaining(['audit-other', 'audit-demo', 'admin', 'Demo']));
    expect(names.indexOf('audit-demo')).toBeLessThan(names.indexOf('audit-other'));
    const times = b.items.map((r: { at: string }) => Date.parse(r.at));
    expect([...times].sort((a, c) => c - a)).toEqual(times);

    const page = await body(await read('admin', '?pageSize=2&page=2'));
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(b.total);
    expect(page.items[0].id).toBe(b.items[2].id);
  });

  it('shows a department admin only their department\'s rows', async () => {
    const b = await body(await read('ops', '?pageSize=200'));
    expect(b.items.length).toBeGreaterThan(0);
    for (const row of b.items) expect(row.departmentId).toBe(w.departments.demo.id);
    const names = b.items.map((r: { resourceName: string }) => r.resourceName);
    expect(names).toContain('audit-demo');
    expect(names).not.toContain('audit-other');
    const o = await body(await read('oadmin', '?pageSize=200'));
    for (const row of o.items) expect(row.departmentId).toBe(w.departments.other.id);
    expect(o.items.map((r: { resourceName: string }) => r.resourceName)).toContain('audit-other');
  });

  it('filters by actor, action and resource type', async () => {
    const b = await body(await read('admin', '?actor=ops&action=create&resourceType=project'));
    expect(b.items).toEqual([expect.objectContaining({ actorName: 'ops', action: 'create', resourceType: 'project', resourceName: 'audit-demo', source: 'console' })]);
    expect(b.items[0].after).toMatchObject({ name: 'audit-demo' });
  });

  it('filters by a piece of the resource name, taking % and _ literally', async () => {
    for (const name of ['Rate 100% done', 'Rate 100x done', 'under_score', 'underXscore']) {
      await createDepartment(w.ctx('admin'), { name, description: '' });
    }
    const names = async (q: string) =>
      (await body(await read('admin', `?resourceType=department&q=${encodeURIComponent(q)}`))).items.map((r: { resourceName: string }) => r.resourceName);
    expect(await names('100%')).toEqual(['Rate 100% done']);
    expect(await names('under_')).toEqual(['under_score']);
    expect((await names('RATE 100')).sort()).toEqual(['Rate 100% done', 'Rate 100x done']);
  });

  it.each([
    ['?pageSize=500', 'pageSize'],
    ['?page=0', 'page'],
    ['?from=yesterday', 'from'],
    ['?colour=red', 'colour'],
  ])('refuses %s with 400 naming the parameter', async (query, field) => {
    const res = await read('admin', query);
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields)).toContain(field);
  });
});
