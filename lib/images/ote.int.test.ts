import { describe, expect, it } from 'vitest';
import { GET as listImages, DELETE as deleteImages } from '@/app/v1/repository/image/route';
import { GET as listTags, DELETE as deleteTags } from '@/app/v1/repository/image/tag/route';
import { GET as listProjects, POST as createProject, DELETE as deleteProject } from '@/app/v1/repository/project/route';
import { DELETE as deleteProjectByName } from '@/app/v1/repository/project/[projectName]/route';
import { GET as listThird, POST as createThird } from '@/app/v1/repository/third/route';
import { GET as getThird, DELETE as deleteThird } from '@/app/v1/repository/third/[repositoryId]/route';
import { eq } from 'drizzle-orm';
import { imageThirdRegistries } from '@/db/schema';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { catalogCounts, pushed } from './testing/catalog-fixture';

const w = setupWorld();
const tok = (who: UserName) => tokenFor(w, who);

async function create(who: UserName, projectName: string, isPublic: boolean) {
  return call(createProject, request('/v1/repository/project', { token: await tok(who), json: { projectName, public: isPublic } }));
}

describe('ote projects', () => {
  it('creates with 201 and the seed message, lists with imageCount and total', async () => {
    const res = await create('dev', 'ote-alpha', false);
    expect(res.status).toBe(201);
    const b = await body(res);
    expect(b).toMatchObject({ code: 201, message: 'Project created successfully.', data: { projectName: 'ote-alpha', public: false, imageCount: 0 } });
    expect(typeof b.data.projectId).toBe('number');
    await pushed(w.ctx('dev'), 'ote-alpha', 'demo1', 'v1');
    const list = await body(await call(listProjects, request('/v1/repository/project?projectName=ote-alpha', { token: await tok('dev') })));
    expect(list).toMatchObject({ code: 200, total: 1, data: [{ projectName: 'ote-alpha', imageCount: 1 }] });
  });

  it('answers 409 with the seed text for a taken name, and changes nothing', async () => {
    await create('dev', 'ote-dup', true);
    const before = await catalogCounts(w.db);
    const res = await create('odev', 'ote-dup', false);
    expect(res.status).toBe(409);
    expect(await body(res)).toEqual({ code: 409, message: 'Project name already exists.', data: null });
    expect(await catalogCounts(w.db)).toEqual(before);
  });

  it('answers 400 naming the field for a name outside the OCI grammar or a missing public', async () => {
    const t = await tok('dev');
    for (const [json, field] of [
      [{ projectName: 'Upper', public: true }, 'projectName'],
      [{ projectName: 'a', public: true }, 'projectName'],
      [{ projectName: 'ok-name', public: 'yes' }, 'public'],
      [{ public: true }, 'projectName'],
      [{ projectName: 'x'.repeat(65), public: true }, 'projectName'],
    ] as const) {
      const res = await call(createProject, request('/v1/repository/project', { token: t, json }));
      expect(res.status).toBe(400);
      const b = await body(res);
      expect(b.code).toBe(400);
      expect(b.message).toContain(field);
    }
  });

  it('answers 415 with the seed text for a non-JSON body and 401 without a credential', async () => {
    const res = await call(createProject, request('/v1/repository/project', { token: await tok('dev'), body: 'projectName=x', headers: { 'content-type': 'text/plain' } }));
    expect(res.status).toBe(415);
    expect((await body(res)).message).toBe('The Media Type of the request is not supported, it has to be "application/json"');
    const anon = await call(createProject, request('/v1/repository/project', { json: { projectName: 'anon', public: true } }));
    expect(anon.status).toBe(401);
    expect(await body(anon)).toEqual({ code: 401, message: 'User need to log in first.', data: null });
  });

  it('visitors cannot create; other projects do not see private workspaces', async () => {
    expect((await create('guest', 'ote-guest', true)).status).toBe(403);
    await create('dev', 'ote-private', false);
    const list = await body(await call(listProjects, request('/v1/repository/project?pageSize=0', { token: await tok('odev') })));
    expect(list.data.map((p: { projectName: string }) => p.projectName)).not.toContain('ote-private');
    const imgs = await call(listImages, request('/v1/repository/image?projectName=ote-private', { token: await tok('odev') }));
    expect(imgs.status).toBe(404);
  });

  it('refuses to delete a workspace with images (409) unless an admin forces it', async () => {
    await create('dev', 'ote-busy', false);
    await pushed(w.ctx('dev'), 'ote-busy', 'app', 'v1');
    const t = await tok('dev');
    const refused = await call(deleteProject, request('/v1/repository/project?projectName=ote-busy', { method: 'DELETE', token: t }));
    expect(refused.status).toBe(409);
    const devForce = await call(deleteProjectByName, request('/v1/repository/project/ote-busy?force=true', { method: 'DELETE', token: t }), { projectName: 'ote-busy' });
    expect(devForce.status).toBe(403);
    const forced = await call(deleteProjectByName, request('/v1/repository/project/ote-busy?force=true', { method: 'DELETE', token: await tok('ops') }), { projectName: 'ote-busy' });
    expect(forced.status).toBe(200);
    const gone = await call(listImages, request('/v1/repository/image?projectName=ote-busy', { token: t }));
    expect(gone.status).toBe(404);
  });
});

describe('ote images and tags', () => {
  it('lists images with paging, order, pageSize 0 and total', async () => {
    await create('dev', 'ote-list', false);
    for (const name of ['a1', 'b2', 'c3']) await pushed(w.ctx('dev'), 'ote-list', name, 'v1');
    const t = await tok('dev');
    const page = await body(await call(listImages, request('/v1/repository/image?projectName=ote-list&pageSize=2&orderBy=imageName&order=asc', { token: t })));
    expect(page.total).toBe(3);
    expect(page.data.map((i: { imageName: string }) => i.imageName)).toEqual(['ote-list/a1', 'ote-list/b2']);
    expect(page.data[0]).toMatchObject({ projectName: 'ote-list', public: false });
    expect(page.data[0].imageAddress).toMatch(/\/ote-list\/a1$/);
    expect(typeof page.data[0].createTime).toBe('number');
    const all = await body(await call(listImages, request('/v1/repository/image?projectName=ote-list&pageSize=0', { token: t })));
    expect(all.data).toHaveLength(3);
    expect(all.data.map((i: { imageName: string }) => i.imageName)).toEqual(['ote-list/c3', 'ote-list/b2', 'ote-list/a1']);
    const filtered = await body(await call(listImages, request('/v1/repository/image?projectName=ote-list&imageName=b', { token: t })));
    expect(filtered).toMatchObject({ total: 1, data: [{ imageName: 'ote-list/b2' }] });
  });

  it('rejects a missing projectName, a bad order and a negative pageSize naming the field', async () => {
    const t = await tok('dev');
    for (const [qs, field] of [['', 'projectName'], ['projectName=ote-list&order=up', 'order'], ['projectName=ote-list&pageSize=-1', 'pageSize'], ['projectName=ote-list&orderBy=size', 'orderBy']]) {
      const res = await call(listImages, request(`/v1/repository/image?${qs}`, { token: t }));
      expect(res.status).toBe(400);
      expect((await body(res)).message).toContain(field);
    }
  });

  it('lists and deletes tags; a missing tag deletes nothing', async () => {
    await create('dev', 'ote-tags', true);
    for (const tag of ['v1', 'v2', 'latest']) await pushed(w.ctx('dev'), 'ote-tags', 'web', tag);
    const t = await tok('dev');
    const tags = await body(await call(listTags, request('/v1/repository/image/tag?imageName=ote-tags/web&pageSize=0&orderBy=tag&order=asc', { token: t })));
    expect(tags.total).toBe(3);
    expect(tags.data.map((x: { tag: string }) => x.tag)).toEqual(['latest', 'v1', 'v2']);
    const before = await catalogCounts(w.db);
    const missing = await call(deleteTags, request('/v1/repository/image/tag', { method: 'DELETE', token: t, json: { imageName: 'ote-tags/web', tag: ['v1', 'nope'] } }));
    expect(missing.status).toBe(404);
    expect(await catalogCounts(w.db)).toEqual(before);
    const bad = await call(deleteTags, request('/v1/repository/image/tag', { method: 'DELETE', token: t, json: { imageName: 'ote-tags/web', tag: ['-bad'] } }));
    expect(bad.status).toBe(400);
    expect((await body(bad)).message).toContain('tag');
    const ok = await call(deleteTags, request('/v1/repository/image/tag?imageName=ote-tags/web&tag=v1&tag=v2', { method: 'DELETE', token: t }));
    expect(ok.status).toBe(200);
    const left = await body(await call(listTags, request('/v1/repository/image/tag?imageName=ote-tags/web', { token: t })));
    expect(left.data.map((x: { tag: string }) => x.tag)).toEqual(['latest']);
  });

  it('a visitor can read a public workspace of their project but not delete from it', async () => {
    const g = await tok('guest');
    expect((await call(listTags, request('/v1/repository/image/tag?imageName=ote-tags/web', { token: g }))).status).toBe(200);
    const res = await call(deleteImages, request('/v1/repository/image', { method: 'DELETE', token: g, json: { imageName: ['ote-tags/web'] } }));
    expect(res.status).toBe(403);
  });

  it('another project may read a public workspace but not delete from it', async () => {
    const o = await tok('odev');
    expect((await call(listImages, request('/v1/repository/image?projectName=ote-tags', { token: o }))).status).toBe(200);
    const res = await call(deleteImages, request('/v1/repository/image', { method: 'DELETE', token: o, json: { imageName: 'ote-tags/web' } }));
    expect(res.status).toBe(403);
  });

  it('deletes images by name', async () => {
    const t = await tok('dev');
    const res = await call(deleteImages, request('/v1/repository/image', { method: 'DELETE', token: t, json: { imageName: ['ote-tags/web'] } }));
    expect(res.status).toBe(200);
    const list = await body(await call(listImages, request('/v1/repository/image?projectName=ote-tags', { token: t })));
    expect(list.total).toBe(0);
  });
});

describe('ote third-party registries', () => {
  it('creates, lists, gets and deletes; the password is sealed and never returned', async () => {
    const t = await tok('dev');
    const res = await call(createThird, request('/v1/repository/third', { token: t, json: { repositoryId: 'yq01', address: 'registry.example.com:5000', user: 'bot', password: 's3cret-pass' } }));
    expect(res.status).toBe(201);
    const b = await body(res);
    expect(b.data).toEqual({ repositoryId: 'yq01', address: 'registry.example.com:5000', user: 'bot' });
    const got = await body(await call(getThird, request('/v1/repository/third/yq01', { token: t }), { repositoryId: 'yq01' }));
    expect(got).toEqual({ data: { repositoryId: 'yq01', address: 'registry.example.com:5000', user: 'bot' }, code: 200, message: 'Success' });
    const [row] = await w.db.select().from(imageThirdRegistries).where(eq(imageThirdRegistries.name, 'yq01'));
    expect(row.passwordSealed).not.toContain('s3cret-pass');
    const list = await body(await call(listThird, request('/v1/repository/third', { token: t })));
    expect(JSON.stringify(list)).not.toContain('s3cret');
    expect(list.total).toBe(1);
    expect((await call(getThird, request('/v1/repository/third/yq01', { token: await tok('odev') }), { repositoryId: 'yq01' })).status).toBe(404);
    const dup = await call(createThird, request('/v1/repository/third', { token: t, json: { repositoryId: 'yq01', address: 'x.example.com' } }));
    expect(dup.status).toBe(409);
    const bad = await call(createThird, request('/v1/repository/third', { token: t, json: { address: 'has space' } }));
    expect(bad.status).toBe(400);
    expect((await body(bad)).message).toContain('address');
    expect((await call(deleteThird, request('/v1/repository/third/yq01', { method: 'DELETE', token: await tok('guest') }), { repositoryId: 'yq01' })).status).toBe(403);
    expect((await call(deleteThird, request('/v1/repository/third/yq01', { method: 'DELETE', token: t }), { repositoryId: 'yq01' })).status).toBe(200);
    expect((await call(getThird, request('/v1/repository/third/yq01', { token: t }), { repositoryId: 'yq01' })).status).toBe(404);
  });
});
