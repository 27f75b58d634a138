import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { POST as upload } from '@/app/api/ecns/[productType]/images/upload_image/route';
import { GET as uploadStatus } from '@/app/api/ecns/[productType]/images/upload_image/[id]/route';
import { GET as getRepo, DELETE as deleteTagsRoute } from '@/app/api/ecns/[productType]/images/repositories/[workspace]/[...image]/route';
import { GET as volumes } from '@/app/api/ecns/[productType]/images/systeminfo/volumes/route';
import { GET as gcGet, POST as gcPost } from '@/app/api/ecns/[productType]/images/system/gc/schedule/route';
import { GET as loginfo } from '@/app/api/ecns/[productType]/images/loginfo/route';
import { GET as oteTags } from '@/app/v1/repository/image/tag/route';
import { EmbeddedRegistry } from '@/lib/registry';
import { dockerSave, layerTar, tar } from '@/lib/registry/testing/archives';
import { skopeo, skopeoFails, tempDir } from '@/lib/registry/testing/tools';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { createWorkspace } from './workspaces';
import { catalogCounts } from './testing/catalog-fixture';
import { setCatalogBackend } from './registry-link';

const w = setupWorld();
const P = { productType: 'image' };
const base = '/api/ecns/image/images';
let tmp: Awaited<ReturnType<typeof tempDir>>;
let reg: EmbeddedRegistry;
const savedDataDir = process.env.PIER_DATA_DIR;

beforeAll(async () => {
  tmp = await tempDir('images-upload');
  process.env.PIER_DATA_DIR = tmp.dir;
  reg = new EmbeddedRegistry(path.join(tmp.dir, 'registry'), 'registry.test:5000');
  setCatalogBackend(reg);
});
afterAll(async () => {
  setCatalogBackend(null);
  if (savedDataDir === undefined) delete process.env.PIER_DATA_DIR;
  else process.env.PIER_DATA_DIR = savedDataDir;
  await tmp?.cleanup();
});

const tok = (who: UserName) => tokenFor(w, who);
const layout = () => `oci:${path.join(tmp.dir, 'registry')}`;

function archive(seed: string, repoTags: string[], extra = 0) {
  return dockerSave([{ layers: [layerTar(`${seed}-a`, extra), layerTar(`${seed}-b`)], repoTags, dockerVersion: '27.3.1' }]);
}

/** A multipart request as a browser's FormData sends it: fields first, then the file. */
function uploadRequest(token: string, fields: Record<string, string>, file: Buffer | null, fileFirst = false) {
  const form = new FormData();
  const blob = file ? new Blob([new Uint8Array(file)], { type: 'application/x-tar' }) : null;
  if (fileFirst && blob) form.append('image', blob, 'image.tar');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (!fileFirst && blob) form.append('image', blob, 'image.tar');
  return new Request(`http://pier.test${base}/upload_image/`, { method: 'POST', headers: { 'x-auth-token': token }, body: form });
}

async function uploadsLeft(): Promise<string[]> {
  return readdir(path.join(tmp.dir, 'uploads')).catch(() => []);
}

describe('upload_image', () => {
  beforeAll(async () => {
    await createWorkspace(w.ctx('dev'), { name: 'up-alpha', public: false });
  });

  it('stores a docker save archive in the registry and the catalog; progress is kept under upload_id', async () => {
    const t = await tok('dev');
    const res = await call(upload, uploadRequest(t, { harbor_project_name: 'up-alpha', upload_id: 'job-00000001' }, archive('web', ['example.com/team/web:2.1'])), P);
    expect(res.status).toBe(201);
    const b = await body(res);
    expect(b.images).toHaveLength(1);
    expect(b.images[0]).toMatchObject({ harbor_project_name: 'up-alpha', image_name: 'web', tag_name: '2.1' });
    const inspected = await skopeo('inspect', `${layout()}:up-alpha/web:2.1`);
    expect(inspected.Digest).toBe(b.images[0].digest);
    const tags = await body(await call(getRepo, request(`${base}/repositories/up-alpha/web/tags/`, { token: t }), { ...P, workspace: 'up-alpha', image: ['web', 'tags'] }));
    expect(tags.tags[0]).toMatchObject({ tag_name: '2.1', digest: b.images[0].digest, docker_version: '27.3.1', size: b.images[0].size, architecture: 'amd64' });
    expect(tags.tags[0].pull_command).toBe('docker pull registry.test:5000/up-alpha/web:2.1');
    const job = await body(await call(uploadStatus, request(`${base}/upload_image/job-00000001`, { token: t }), { ...P, id: 'job-00000001' }));
    expect(job).toMatchObject({ state: 'finished' });
    expect((await call(uploadStatus, request(`${base}/upload_image/job-00000001`, { token: await tok('odev') }), { ...P, id: 'job-00000001' })).status).toBe(404);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('image_name and tag_name override the archive\'s names', async () => {
    const t = await tok('dev');
    const res = await call(upload, uploadRequest(t, { harbor_project_name: 'up-alpha', image_name: 'team/api', tag_name: 'v9' }, archive('api', ['x/y:1'])), P);
    expect(res.status).toBe(201);
    expect((await body(res)).images[0]).toMatchObject({ image_name: 'team/api', tag_name: 'v9' });
    const ote = await body(await call(oteTags, request('/v1/repository/image/tag?imageName=up-alpha/team/api', { token: t })));
    expect(ote.data.map((x: { tag: string }) => x.tag)).toEqual(['v9']);
  });

  it('refuses a broken archive with the reason and leaves nothing behind', async () => {
    const t = await tok('dev');
    const before = await catalogCounts(w.db);
    const bad = dockerSave([{ layers: [layerTar('x')], repoTags: ['bad:1'] }], { replace: {} , mutateManifest: (items) => { items[0].Config = 'missing.json'; } });
    const res = await call(upload, uploadRequest(t, { harbor_project_name: 'up-alpha' }, bad), P);
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(/^file: /);
    expect(await catalogCounts(w.db)).toEqual(before);
    expect(await skopeoFails('inspect', `${layout()}:up-alpha/bad:1`)).not.toBeNull();
    expect(await uploadsLeft()).toEqual([]);
  });

  it('a truncated archive is refused as truncated, also with fields after its part (the entry sizes it claims run past the part)', async () => {
    const t = await tok('dev');
    const before = await catalogCounts(w.db);
    const whole = archive('cut', ['cut:1'], 1 << 20);
    for (const cut of [whole.subarray(0, whole.length >> 1), whole.subarray(0, 1536)]) {
      const form = new FormData();
      form.append('harbor_project_name', 'up-alpha');
      form.append('image', new Blob([new Uint8Array(cut)], { type: 'application/x-tar' }), 'image.tar');
      form.append('note', 'a field after the file');
      const req = new Request(`http://pier.test${base}/upload_image/`, { method: 'POST', headers: { 'x-auth-token': t }, body: form });
      const res = await call(upload, req, P);
      expect(res.status).toBe(400);
      expect((await body(res)).error.message).toBe('file: the archive is truncated');
    }
    expect(await catalogCounts(w.db)).toEqual(before);
    expect(await skopeoFails('inspect', `${layout()}:up-alpha/cut:1`)).not.toBeNull();
    expect(await uploadsLeft()).toEqual([]);
  });

  it('rejects bad names, a missing file, fields after the file, visitors and other projects', async () => {
    const before = await catalogCounts(w.db);
    const t = await tok('dev');
    const cases: [Request, number, string][] = [
      [uploadRequest(t, { harbor_project_name: 'up-alpha', tag_name: '-x' }, archive('n1', ['a:1'])), 400, 'tag_name'],
      [uploadRequest(t, { harbor_project_name: 'up-alpha', image_name: 'Bad' }, archive('n2', ['a:1'])), 400, 'image_name'],
      [uploadRequest(t, { harbor_project_name: 'up-alpha' }, null), 400, 'image'],
      [uploadRequest(t, { harbor_project_name: 'up-alpha' }, archive('n3', ['a:1']), true), 400, 'harbor_project_name'],
      [uploadRequest(await tok('guest'), { harbor_project_name: 'up-alpha' }, archive('n4', ['a:1'])), 403, ''],
      [uploadRequest(await tok('odev'), { harbor_project_name: 'up-alpha' }, archive('n5', ['a:1'])), 404, ''],
    ];
    for (const [req, status, field] of cases) {
      const res = await call(upload, req, P);
      expect(res.status).toBe(status);
      if (field) expect((await body(res)).error.message).toContain(field);
    }
    const json = await call(upload, request(`${base}/upload_image/`, { token: t, json: {} }), P);
    expect(json.status).toBe(415);
    expect(await catalogCounts(w.db)).toEqual(before);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('parses the archive as it arrives: a hostile entry early in a large upload is refused at once, the request completes, nothing is left', async () => {
    const t = await tok('dev');
    const before = await catalogCounts(w.db);
    const hostile = tar([{ name: '../../etc/cron.d/x', body: 'x' }, { name: 'filler', body: Buffer.alloc(6 << 20, 7) }]);
    const res = await call(upload, uploadRequest(t, { harbor_project_name: 'up-alpha', upload_id: 'job-hostile-1' }, hostile), P);
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(/^file: .*climbs out/);
    const job = await body(await call(uploadStatus, request(`${base}/upload_image/job-hostile-1`, { token: t }), { ...P, id: 'job-hostile-1' }));
    expect(job).toMatchObject({ state: 'failed' });
    expect(await catalogCounts(w.db)).toEqual(before);
    expect(await readdir(path.join(tmp.dir, 'registry', '.staging'))).toEqual([]);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('an upload larger than PIER_UPLOAD_MAX_BYTES: 413, nothing stored', async () => {
    const t = await tok('dev');
    const before = await catalogCounts(w.db);
    const big = archive('toolarge', ['toolarge:1'], 200_000);
    process.env.PIER_UPLOAD_MAX_BYTES = String(100_000);
    try {
      const res = await call(upload, uploadRequest(t, { harbor_project_name: 'up-alpha' }, big), P);
      expect(res.status).toBe(413);
      expect((await body(res)).error).toMatchObject({ code: 413 });
    } finally {
      delete process.env.PIER_UPLOAD_MAX_BYTES;
    }
    expect(await catalogCounts(w.db)).toEqual(before);
    expect(await skopeoFails('inspect', `${layout()}:up-alpha/toolarge:1`)).not.toBeNull();
    expect(await readdir(path.join(tmp.dir, 'registry', '.staging'))).toEqual([]);
  });

  it('concurrent uploads of one tag end with one winner that the catalog and the registry agree on', async () => {
    const t = await tok('dev');
    const results = await Promise.all(
      ['c1', 'c2', 'c3'].map((seed) => call(upload, uploadRequest(t, { harbor_project_name: 'up-alpha', tag_name: 'race' }, archive(seed, ['race/img:1'])), P)),
    );
    for (const r of results) expect(r.status).toBe(201);
    const tags = await body(await call(getRepo, request(`${base}/repositories/up-alpha/img/tags/`, { token: t }), { ...P, workspace: 'up-alpha', image: ['img', 'tags'] }));
    expect(tags.tags).toHaveLength(1);
    const inspected = await skopeo('inspect', `${layout()}:up-alpha/img:race`);
    expect(tags.tags[0].digest).toBe(inspected.Digest);
  });

  it('deleting a tag removes it from the registry; GC then frees its blobs', async () => {
    const t = await tok('dev');
    const a = await tok('admin');
    const del = await call(deleteTagsRoute, request(`${base}/repositories/up-alpha/web/tags/`, { method: 'DELETE', token: t, json: { tags: ['2.1'] } }), { ...P, workspace: 'up-alpha', image: ['web', 'tags'] });
    expect(del.status).toBe(204);
    expect(await skopeoFails('inspect', `${layout()}:up-alpha/web:2.1`)).not.toBeNull();
    const v1 = await body(await call(volumes, request(`${base}/systeminfo/volumes`, { token: a }), P));
    expect(v1.storage.total).toBeGreaterThan(0);
    expect(v1.storage.free).toBeGreaterThan(0);
    expect((await call(gcPost, request(`${base}/system/gc/schedule`, { token: t, json: { type: 'Manual' } }), P)).status).toBe(403);
    const bad = await call(gcPost, request(`${base}/system/gc/schedule`, { token: a, json: { type: 'Daily' } }), P);
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.message).toContain('type');
    const started = await call(gcPost, request(`${base}/system/gc/schedule`, { token: a, json: { type: 'Manual' } }), P);
    expect(started.status).toBe(202);
    let status = await body(started);
    for (let i = 0; i < 200 && status.job_status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await body(await call(gcGet, request(`${base}/system/gc/schedule`, { token: a }), P));
    }
    expect(status).toMatchObject({ job_status: 'finished', state: 'finished' });
    expect(status.removed_blobs).toBeGreaterThan(0);
    const v2 = await body(await call(volumes, request(`${base}/systeminfo/volumes`, { token: a }), P));
    expect(v2.storage.used).toBeLessThan(v1.storage.used);
    // What is still tagged survived.
    expect((await skopeo('inspect', `${layout()}:up-alpha/team/api:v9`)).Digest).toMatch(/^sha256:/);
    const none = await call(gcPost, request(`${base}/system/gc/schedule`, { token: a, json: { type: 'None' } }), P);
    expect((await body(none)).job_status).toBe('finished');
  });

  it('loginfo gives the registry address and a working credential of the caller', async () => {
    const res = await call(loginfo, request(`${base}/loginfo/`, { token: await tok('dev'), headers: { host: 'pier.example.com:8443' } }), P);
    const b = await body(res);
    expect(b).toMatchObject({ username: 'dev', harbor_domain: 'registry.test:5000', public_vip: 'pier.example.com:8443' });
    const again = await call(oteTags, request('/v1/repository/image/tag?imageName=up-alpha/team/api', { token: b.password }));
    expect(again.status).toBe(200);
  });
});
