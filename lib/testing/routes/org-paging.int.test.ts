import { beforeAll, describe, expect, it } from 'vitest';
import { GET as organization } from '@/app/api/ecns/[productType]/organization/route';
import { GET as ecnsProjects } from '@/app/api/ecns/[productType]/projects/route';
import { GET as listProjectsRoute } from '@/app/api/pier/projects/route';
import { GET as listUsersRoute } from '@/app/api/pier/users/route';
import { memberships, projects, users } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { Invalid } from '@/lib/errors';
import { listProjects } from '@/lib/org/projects';
import { listUsers } from '@/lib/org/users';
import { body, call, request } from '../http';
import { tokenFor, setupWorld, type UserName } from '../world';

const w = setupWorld();

const DEMO_USERS = 60;
const OTHER_USERS = 5;
const DEMO_PROJECTS = 55;
const OTHER_PROJECTS = 3;
const pad = (i: number) => String(i).padStart(3, '0');

// Names with "_" and "." (user names allow them; "%" and "\" they do not), to check LIKE escaping.
const SPECIAL_USERS = ['pg_under', 'pgxunder', 'pg.dot'];

beforeAll(async () => {
  const now = new Date();
  const user = (name: string, departmentId: string) => ({
    id: newId(), name, role: 'developer' as const, departmentId, passwordHash: 'unused', createdAt: now, passwordChangedAt: now,
  });
  await w.db.insert(users).values([
    ...Array.from({ length: DEMO_USERS }, (_, i) => user(`pg-user-${pad(i)}`, w.departments.demo.id)),
    ...Array.from({ length: OTHER_USERS }, (_, i) => user(`pg-other-${pad(i)}`, w.departments.other.id)),
    ...SPECIAL_USERS.map((n) => user(n, w.departments.demo.id)),
  ]);
  const project = (name: string, departmentId: string) => ({ id: newId(), name, departmentId, description: '', createdAt: now });
  const demoProjects = Array.from({ length: DEMO_PROJECTS }, (_, i) => project(`pg-proj-${pad(i)}`, w.departments.demo.id));
  await w.db.insert(projects).values([
    ...demoProjects,
    ...Array.from({ length: OTHER_PROJECTS }, (_, i) => project(`pg-oproj-${pad(i)}`, w.departments.other.id)),
  ]);
  // dev (member of alpha) joins every tenth new project.
  await w.db.insert(memberships).values(
    demoProjects.filter((_, i) => i % 10 === 0).map((p) => ({ userId: w.users.dev.id, projectId: p.id, createdAt: now })),
  );
});

type Row = { id: string; name: string; departmentId: string | null; departmentName: string | null };

async function get(handler: typeof listUsersRoute, path: string, who: UserName, opts: { projectId?: string } = {}) {
  return call(handler, request(path, { token: await tokenFor(w, who, opts) }));
}

async function page(kind: 'users' | 'projects', who: UserName, query: string, opts: { projectId?: string } = {}) {
  const res = await get(kind === 'users' ? listUsersRoute : listProjectsRoute, `/api/pier/${kind}${query}`, who, opts);
  expect(res.status).toBe(200);
  return (await body(res)) as { items: Row[]; total: number; page: number; pageSize: number };
}

/** Every page in turn, checking each page's size and that `total` never changes. */
async function walk(kind: 'users' | 'projects', who: UserName, pageSize: number, extra = '', opts: { projectId?: string } = {}) {
  const first = await page(kind, who, `?pageSize=${pageSize}${extra}`, opts);
  const pages = Math.max(1, Math.ceil(first.total / pageSize));
  const all = [...first.items];
  for (let n = 2; n <= pages; n++) {
    const p = await page(kind, who, `?pageSize=${pageSize}&page=${n}${extra}`, opts);
    expect(p).toMatchObject({ page: n, pageSize, total: first.total });
    expect(p.items).toHaveLength(n < pages ? pageSize : first.total - pageSize * (pages - 1));
    all.push(...p.items);
  }
  expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  expect(all).toHaveLength(first.total);
  return { total: first.total, rows: all };
}

const names = (rows: Row[]) => rows.map((r) => r.name);

describe('GET /api/pier/users, paged', () => {
  it('answers page 1 of 50 by name with the total by default', async () => {
    const b = await page('users', 'admin', '');
    const total = 6 + DEMO_USERS + OTHER_USERS + SPECIAL_USERS.length;
    expect(b).toMatchObject({ page: 1, pageSize: 50, total });
    expect(b.items).toHaveLength(50);
    expect(names(b.items)).toEqual([...names(b.items)].sort());
    expect(Object.keys(b).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
  });

  it('splits at page boundaries with no row twice or missing, in name order', async () => {
    const whole = await page('users', 'admin', '?pageSize=200');
    expect(whole.items).toHaveLength(whole.total);
    const { rows } = await walk('users', 'admin', 7);
    expect(names(rows)).toEqual(names(whole.items));

    const last = Math.ceil(whole.total / 50);
    const tail = await page('users', 'admin', `?page=${last}`);
    expect(tail.items).toHaveLength(whole.total - 50 * (last - 1));
    expect(tail.items.at(-1)?.id).toBe(whole.items.at(-1)?.id);
    const beyond = await page('users', 'admin', `?page=${last + 1}`);
    expect(beyond).toMatchObject({ items: [], total: whole.total, page: last + 1 });
  });

  it('gives each row its projects on every page', async () => {
    const b = await page('users', 'admin', '?q=dev&pageSize=1');
    expect(names(b.items)).toEqual(['dev']);
    const projectsOfDev = (b.items[0] as unknown as { projects: { name: string }[] }).projects.map((p) => p.name);
    expect(projectsOfDev).toEqual(['alpha', 'pg-proj-000', 'pg-proj-010', 'pg-proj-020', 'pg-proj-030', 'pg-proj-040', 'pg-proj-050']);
  });

  it('filters by a case-insensitive substring of the name, and counts the same filter', async () => {
    const b = await page('users', 'admin', '?q=PG-USER-05&pageSize=3');
    expect(b.total).toBe(10);
    expect(names(b.items)).toEqual(['pg-user-050', 'pg-user-051', 'pg-user-052']);
    const p2 = await page('users', 'admin', '?q=pg-user-05&pageSize=3&page=4');
    expect(names(p2.items)).toEqual(['pg-user-059']);
    expect((await page('users', 'admin', '?q=no-such-user')).total).toBe(0);
  });

  it('takes %, _ and \\ in q literally', async () => {
    const under = await page('users', 'admin', `?q=${encodeURIComponent('_')}`);
    expect(names(under.items)).toEqual(['pg_under']);
    expect(under.total).toBe(1);
    expect(names((await page('users', 'admin', `?q=${encodeURIComponent('pg_')}`)).items)).toEqual(['pg_under']);
    expect((await page('users', 'admin', `?q=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await page('users', 'admin', `?q=${encodeURIComponent('pg%under')}`)).total).toBe(0);
    expect((await page('users', 'admin', `?q=${encodeURIComponent('\\')}`)).total).toBe(0);
    expect(names((await page('users', 'admin', `?q=${encodeURIComponent('.')}`)).items)).toEqual(['pg.dot']);
  });

  it('keeps each role to what it may see, on every page', async () => {
    const ops = await walk('users', 'ops', 9);
    expect(ops.total).toBe(3 + DEMO_USERS + SPECIAL_USERS.length);
    for (const r of ops.rows) expect(r.departmentId).toBe(w.departments.demo.id);

    const oadmin = await walk('users', 'oadmin', 2);
    expect(names(oadmin.rows).sort()).toEqual(['oadmin', 'odev', ...Array.from({ length: OTHER_USERS }, (_, i) => `pg-other-${pad(i)}`)].sort());

    for (const who of ['dev', 'guest', 'odev'] as const) {
      const own = await walk('users', who, 1);
      expect(names(own.rows)).toEqual([who]);
    }
    // A department admin asking for another department gets nothing, not its users.
    expect((await page('users', 'ops', `?departmentId=${w.departments.other.id}`)).total).toBe(0);
    expect((await page('users', 'ops', '?q=pg-other')).total).toBe(0);
  });

  it('filters by department with paging', async () => {
    const other = await walk('users', 'admin', 3, `&departmentId=${w.departments.other.id}`);
    expect(other.total).toBe(2 + OTHER_USERS);
    for (const r of other.rows) expect(r.departmentId).toBe(w.departments.other.id);
    expect((await page('users', 'admin', `?departmentId=${w.departments.other.id}&q=odev`)).items.map((r) => r.name)).toEqual(['odev']);
  });
});

describe('GET /api/pier/projects, paged', () => {
  it('answers page 1 of 50 by department then name with the total by default', async () => {
    const b = await page('projects', 'admin', '');
    expect(b).toMatchObject({ page: 1, pageSize: 50, total: 3 + DEMO_PROJECTS + OTHER_PROJECTS });
    expect(b.items).toHaveLength(50);
    const whole = await page('projects', 'admin', '?pageSize=200');
    const { rows } = await walk('projects', 'admin', 11);
    expect(rows.map((r) => r.id)).toEqual(whole.items.map((r) => r.id));
    const keys = whole.items.map((r) => `${r.departmentName}/${r.name}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('keeps each role to what it may see, on every page', async () => {
    const ops = await walk('projects', 'ops', 7);
    expect(ops.total).toBe(2 + DEMO_PROJECTS);
    for (const r of ops.rows) expect(r.departmentId).toBe(w.departments.demo.id);

    const dev = await walk('projects', 'dev', 2);
    expect(names(dev.rows)).toEqual(['alpha', 'pg-proj-000', 'pg-proj-010', 'pg-proj-020', 'pg-proj-030', 'pg-proj-040', 'pg-proj-050']);

    const guest = await walk('projects', 'guest', 1);
    expect(names(guest.rows)).toEqual(['alpha']);

    const oadmin = await walk('projects', 'oadmin', 2);
    expect(names(oadmin.rows)).toEqual(['gamma', 'pg-oproj-000', 'pg-oproj-001', 'pg-oproj-002']);

    const scoped = await walk('projects', 'ops', 1, '', { projectId: w.projects.beta.id });
    expect(names(scoped.rows)).toEqual(['beta']);
    expect((await page('projects', 'dev', '?q=pg-proj-00')).items.map((r) => r.name)).toEqual(['pg-proj-000']);
    expect((await page('projects', 'ops', '?q=gamma')).total).toBe(0);
  });

  it('filters by name and department, counting the same filter', async () => {
    const b = await page('projects', 'admin', '?q=PG-PROJ-04&pageSize=4&page=3');
    expect(b.total).toBe(10);
    expect(names(b.items)).toEqual(['pg-proj-048', 'pg-proj-049']);
    const other = await page('projects', 'admin', `?departmentId=${w.departments.other.id}&q=oproj`);
    expect(other.total).toBe(OTHER_PROJECTS);
    for (const q of ['%', '_', '\\', 'pg%proj', 'pg_proj']) {
      expect((await page('projects', 'admin', `?q=${encodeURIComponent(q)}`)).total).toBe(0);
    }
    // An empty q or departmentId is no filter, as the console's forms send them.
    expect((await page('projects', 'admin', '?q=&departmentId=')).total).toBe(3 + DEMO_PROJECTS + OTHER_PROJECTS);
  });

  it('leaves the ECNS organization tree and project list unpaged', async () => {
    const t = await tokenFor(w, 'ops');
    const org = await body(await call(organization, request('/api/ecns/eks/organization/', { token: t }), { productType: 'eks' }));
    expect(org.domains_selector[0].projects).toHaveLength(2 + DEMO_PROJECTS);
    const list = await body(await call(ecnsProjects, request('/api/ecns/eks/projects', { token: t }), { productType: 'eks' }));
    expect(list.projects).toHaveLength(2 + DEMO_PROJECTS);
  });
});

describe('paging parameters', () => {
  it.each([
    ['?pageSize=0', 'pageSize'],
    ['?pageSize=201', 'pageSize'],
    ['?pageSize=abc', 'pageSize'],
    ['?pageSize=2.5', 'pageSize'],
    ['?page=0', 'page'],
    ['?page=-1', 'page'],
    ['?page=x', 'page'],
    ['?departmentId=not-an-id', 'departmentId'],
    [`?q=${'x'.repeat(129)}`, 'q'],
    ['?colour=red', 'colour'],
  ])('refuses %s with 400 naming the parameter, on both lists', async (query, field) => {
    for (const handler of [listUsersRoute, listProjectsRoute]) {
      const res = await get(handler, `/api/pier/x${query}`, 'admin');
      expect(res.status).toBe(400);
      const err = (await body(res)).error;
      expect(err).toMatchObject({ code: 400, reason: 'invalid' });
      expect(Object.keys(err.fields)).toContain(field);
    }
  });

  it('accepts the bounds 1 and 200', async () => {
    expect((await page('users', 'admin', '?pageSize=1')).items).toHaveLength(1);
    expect((await page('projects', 'admin', '?pageSize=1')).items).toHaveLength(1);
    expect((await page('users', 'admin', '?pageSize=200')).pageSize).toBe(200);
  });

  it('are bounded in the core too, for callers without HTTP', async () => {
    await expect(listUsers(w.ctx('admin'), { pageSize: 201 })).rejects.toBeInstanceOf(Invalid);
    await expect(listProjects(w.ctx('admin'), { page: 0 })).rejects.toBeInstanceOf(Invalid);
    const d = await listProjects(w.ctx('admin'));
    expect(d).toMatchObject({ page: 1, pageSize: 50 });
  });
});
