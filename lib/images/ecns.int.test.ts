import { describe, expect, it } from 'vitest';
import { POST as createHp, DELETE as deleteHp } from '@/app/api/ecns/[productType]/images/harbor_project/route';
import { GET as getHp, PUT as putHp } from '@/app/api/ecns/[productType]/images/harbor_project/[name]/route';
import { GET as listHp } from '@/app/api/ecns/[productType]/images/harbor_projects/route';
import { GET as listRepos, DELETE as deleteRepos } from '@/app/api/ecns/[productType]/images/repositories/route';
import { GET as getRepo, PUT as putRepo, DELETE as deleteTagsRoute } from '@/app/api/ecns/[productType]/images/repositories/[workspace]/[...image]/route';
import { GET as neteaseImages } from '@/app/api/v1/apps/images/route';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { catalogCounts, pushed } from './testing/catalog-fixture';

const w = setupWorld();
const P = { productType: 'image' };
const base = '/api/ecns/image/images';
const tok = (who: UserName) => tokenFor(w, who);

async function createWs(who: UserName, name: string, isPublic: boolean | string) {
  return call(createHp, request(`${base}/harbor_project`, { token: await tok(who), json: { harbor_project_name: name, public: isPublic } }), P);
}

describe('ECNS workspaces (harbor_project)', () => {
  it('creates with string booleans, shows domain and project, lists with paging', async () => {
    const res = await createWs('dev', 'ecns-one', 'false');
    expect(res.status).toBe(201);
    expect((await body(res)).harbor_project).toMatchObject({
      harbor_project_name: 'ecns-one', public: 'false', image_count: 0,
      domain_project_info: { domain_name: 'Demo', openstack_project_name: 'alpha' },
    });
    await createWs('dev', 'ecns-two', 'true');
    await createWs('odev', 'ecns-other', false);
    const t = await tok('dev');
    const page = await body(await call(listHp, request(`${base}/harbor_projects/?page=1&page_size=1&all=false`, { token: t }), P));
    expect(page.total).toBe(2);
    expect(page.harbor_projects.map((p: { harbor_project_name: string }) => p.harbor_project_name)).toEqual(['ecns-one']);
    const p2 = await body(await call(listHp, request(`${base}/harbor_projects/?page=2&page_size=1&all=false`, { token: t }), P));
    expect(p2.harbor_projects[0].harbor_project_name).toBe('ecns-two');
  });

  it('all=false leaves out other projects\' public workspaces; without it they show', async () => {
    await createWs('odev', 'ecns-other-pub', true);
    const t = await tok('dev');
    const mine = await body(await call(listHp, request(`${base}/harbor_projects/?all=false&page_size=100`, { token: t }), P));
    const names = mine.harbor_projects.map((p: { harbor_project_name: string }) => p.harbor_project_name);
    expect(names).not.toContain('ecns-other-pub');
    const every = await body(await call(listHp, request(`${base}/harbor_projects/?page_size=100`, { token: t }), P));
    const all = every.harbor_projects.map((p: { harbor_project_name: string }) => p.harbor_project_name);
    expect(all).toContain('ecns-other-pub');
    expect(all).not.toContain('ecns-other');
  });

  it('a private workspace of another project is a 404 for detail and access', async () => {
    const t = await tok('dev');
    expect((await call(getHp, request(`${base}/harbor_project/ecns-other`, { token: t }), { ...P, name: 'ecns-other' })).status).toBe(404);
    const put = await call(putHp, request(`${base}/harbor_project/ecns-other`, { method: 'PUT', token: t, json: { public: 'true' } }), { ...P, name: 'ecns-other' });
    expect(put.status).toBe(404);
    expect((await body(put)).error).toMatchObject({ code: 404, title: 'Not Found' });
  });

  it('detail lists the images; access setting flips public', async () => {
    await pushed(w.ctx('dev'), 'ecns-one', 'web', 'v1');
    const t = await tok('dev');
    const d = await body(await call(getHp, request(`${base}/harbor_project/ecns-one`, { token: t }), { ...P, name: 'ecns-one' }));
    expect(d.harbor_project.image_count).toBe(1);
    expect(d.images).toHaveLength(1);
    expect(d.images[0]).toMatchObject({ name: 'web', harbor_project_name: 'ecns-one', tags_count: 1, public: 'False' });
    const put = await body(await call(putHp, request(`${base}/harbor_project/ecns-one`, { method: 'PUT', token: t, json: { public: 'true' } }), { ...P, name: 'ecns-one' }));
    expect(put.harbor_project.public).toBe('true');
    await call(putHp, request(`${base}/harbor_project/ecns-one`, { method: 'PUT', token: t, json: { public: false } }), { ...P, name: 'ecns-one' });
  });

  it('rejects bad input naming the field and changing nothing', async () => {
    const before = await catalogCounts(w.db);
    for (const [json, field] of [
      [{ harbor_project_name: 'Bad_Name', public: 'true' }, 'harbor_project_name'],
      [{ harbor_project_name: 'fine-name', public: 'maybe' }, 'public'],
      [{ harbor_project_name: 'fine-name' }, 'public'],
      [{ harbor_project_name: 'fine-name', public: 'true', extra: 1 }, 'extra'],
    ] as const) {
      const res = await call(createHp, request(`${base}/harbor_project`, { token: await tok('dev'), json }), P);
      expect(res.status).toBe(400);
      expect((await body(res)).error.message).toContain(field);
    }
    expect((await createWs('dev', 'ecns-one', 'true')).status).toBe(409);
    const wrongType = await call(createHp, request('/api/ecns/eks/images/harbor_project', { token: await tok('dev'), json: { harbor_project_name: 'x1', public: 'true' } }), { productType: 'eks' });
    expect(wrongType.status).toBe(404);
    expect(await catalogCounts(w.db)).toEqual(before);
  });

  it('deletes many at once; one with images is refused (409) for all unless an admin forces', async () => {
    await createWs('dev', 'ecns-empty', 'false');
    const t = await tok('dev');
    const refused = await call(deleteHp, request(`${base}/harbor_project/`, { method: 'DELETE', token: t, json: { harbor_projects: ['ecns-empty', 'ecns-one'] } }), P);
    expect(refused.status).toBe(409);
    expect((await call(getHp, request(`${base}/harbor_project/ecns-empty`, { token: t }), { ...P, name: 'ecns-empty' })).status).toBe(200);
    const ok = await call(deleteHp, request(`${base}/harbor_project/`, { method: 'DELETE', token: t, json: { harbor_projects: ['ecns-empty'] } }), P);
    expect(ok.status).toBe(204);
    const guest = await call(deleteHp, request(`${base}/harbor_project/`, { method: 'DELETE', token: await tok('guest'), json: { harbor_projects: ['ecns-two'] } }), P);
    expect(guest.status).toBe(403);
  });
});

describe('ECNS repositories and tags', () => {
  it('lists by public; a non-admin must say which; an admin may leave it out', async () => {
    await pushed(w.ctx('dev'), 'ecns-two', 'api', 'v1');
    await pushed(w.ctx('dev'), 'ecns-two', 'api', 'v2');
    const t = await tok('dev');
    const pub = await body(await call(listRepos, request(`${base}/repositories/?public=true&page_size=100`, { token: t }), P));
    expect(pub.images.every((i: { public: string }) => i.public === 'True')).toBe(true);
    expect(pub.images.map((i: { name: string }) => i.name)).toContain('api');
    const priv = await body(await call(listRepos, request(`${base}/repositories/?public=false&page_size=100`, { token: t }), P));
    expect(priv.images.map((i: { harbor_project_name: string; name: string }) => `${i.harbor_project_name}/${i.name}`)).toEqual(['ecns-one/web']);
    const none = await call(listRepos, request(`${base}/repositories/`, { token: t }), P);
    expect(none.status).toBe(400);
    expect((await body(none)).error.message).toContain('public');
    const admin = await call(listRepos, request(`${base}/repositories/`, { token: await tok('admin') }), P);
    expect(admin.status).toBe(200);
    expect((await body(admin)).total).toBeGreaterThanOrEqual(2);
  });

  it('tags with size, docker version and pull command; detail with size and pull_count', async () => {
    const t = await tok('dev');
    const params = { ...P, workspace: 'ecns-two', image: ['api', 'tags'] };
    const tags = await body(await call(getRepo, request(`${base}/repositories/ecns-two/api/tags/`, { token: t }), params));
    expect(tags.tags.map((x: { tag_name: string }) => x.tag_name)).toEqual(['v1', 'v2']);
    expect(tags.tags[0]).toMatchObject({ size: 1000, docker_version: '27.0.1' });
    expect(tags.tags[0].pull_command).toMatch(/^docker pull \S+\/ecns-two\/api:v1$/);
    const detail = await body(await call(getRepo, request(`${base}/repositories/ecns-two/api`, { token: t }), { ...P, workspace: 'ecns-two', image: ['api'] }));
    expect(detail).toMatchObject({ image_base: { name: 'api', tags_count: 2 }, pull_count: 0 });
    expect(detail.size).toBeGreaterThan(0);
  });

  it('image names with slashes reach their tags', async () => {
    await pushed(w.ctx('dev'), 'ecns-two', 'team/svc', 'v1');
    const res = await body(await call(getRepo, request(`${base}/repositories/ecns-two/team/svc/tags/`, { token: await tok('dev') }), { ...P, workspace: 'ecns-two', image: ['team', 'svc', 'tags'] }));
    expect(res.tags.map((x: { tag_name: string }) => x.tag_name)).toEqual(['v1']);
  });

  it('edits the description; weight and constraint only by admins, validated', async () => {
    const params = { ...P, workspace: 'ecns-two', image: ['api'] };
    const put = (who: string, json: unknown) => call(putRepo, request(`${base}/repositories/ecns-two/api`, { method: 'PUT', token: who, json }), params);
    const t = await tok('dev');
    const ok = await put(t, { description: '# API\n\nServes things.' });
    expect(ok.status).toBe(200);
    expect((await body(ok)).image_base.description).toBe('# API\n\nServes things.');
    expect((await put(t, { description: 'x', weight: 5 })).status).toBe(403);
    const a = await tok('ops');
    const bad = await put(a, { description: 'x', constraint: { min_combo: 50, max_combo: 20, min_machine_spec: 1, max_machine_spec: 2 } });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.message).toContain('constraint.min_combo');
    expect((await put(a, { weight: 3 })).status).toBe(400);
    const set = await put(a, { description: 'API', weight: 3, constraint: { min_combo: 20, max_combo: 50, min_machine_spec: 10, max_machine_spec: 40 } });
    expect(set.status).toBe(200);
  });

  it('NetEase lists public and custom images with weight and constraint', async () => {
    const res = await call(neteaseImages, request('/api/v1/apps/images', { headers: { authorization: `Token ${await tok('dev')}` } }));
    expect(res.status).toBe(200);
    const b = await body(res);
    const api = b.public_images.find((i: { name: string; tag: string }) => i.name === 'ecns-two/api' && i.tag === 'v1');
    expect(api).toMatchObject({ desc: 'API', weight: 3, constraint: { min_combo: 20, max_combo: 50, min_machine_spec: 10, max_machine_spec: 40 } });
    expect(typeof api.id).toBe('number');
    expect(b.public_images[0].weight).toBeGreaterThanOrEqual(b.public_images[b.public_images.length - 1].weight);
    expect(b.custom_images.map((i: { name: string }) => i.name)).toEqual(['ecns-one/web']);
    expect(b.custom_images[0].constraint).toBeNull();
    const other = await body(await call(neteaseImages, request('/api/v1/apps/images', { token: await tok('odev') })));
    expect(other.custom_images.map((i: { name: string }) => i.name)).not.toContain('ecns-one/web');
    const anon = await call(neteaseImages, request('/api/v1/apps/images'));
    expect(anon.status).toBe(401);
    expect((await body(anon)).code).toBe(4010001);
  });

  it('deletes tags and repositories', async () => {
    const t = await tok('dev');
    const params = { ...P, workspace: 'ecns-two', image: ['api', 'tags'] };
    const bad = await call(deleteTagsRoute, request(`${base}/repositories/ecns-two/api/tags/`, { method: 'DELETE', token: t, json: { tags: [] } }), params);
    expect(bad.status).toBe(400);
    const del = await call(deleteTagsRoute, request(`${base}/repositories/ecns-two/api/tags/`, { method: 'DELETE', token: t, json: { tags: ['v1'] } }), params);
    expect(del.status).toBe(204);
    const tags = await body(await call(getRepo, request(`${base}/repositories/ecns-two/api/tags/`, { token: t }), params));
    expect(tags.tags.map((x: { tag_name: string }) => x.tag_name)).toEqual(['v2']);
    const rd = await call(deleteRepos, request(`${base}/repositories/`, { method: 'DELETE', token: t, json: { images: [{ harbor_project_name: 'ecns-two', image_name: 'api' }] } }), P);
    expect(rd.status).toBe(204);
    expect((await call(getRepo, request(`${base}/repositories/ecns-two/api`, { token: t }), { ...P, workspace: 'ecns-two', image: ['api'] })).status).toBe(404);
  });
});
