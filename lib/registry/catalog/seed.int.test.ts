import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { GET as getRepo } from '@/app/api/ecns/[productType]/images/repositories/[workspace]/[...image]/route';
import { GET as listRepos } from '@/app/api/ecns/[productType]/images/repositories/route';
import { EmbeddedRegistry } from '@/lib/registry';
import { skopeo, tempDir } from '@/lib/registry/testing/tools';
import { setCatalogBackend } from '@/lib/images/registry-link';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { seedImages } from './seed';

const w = setupWorld();
let tmp: Awaited<ReturnType<typeof tempDir>>;
let reg: EmbeddedRegistry;

beforeAll(async () => {
  tmp = await tempDir('images-seed');
  reg = new EmbeddedRegistry(path.join(tmp.dir, 'registry'), 'demo.test:5000');
  setCatalogBackend(reg);
  await seedImages(w.db, new Date('2026-11-01T00:00:00Z'), reg);
});
afterAll(async () => {
  setCatalogBackend(null);
  await tmp?.cleanup();
});

describe('seedImages', () => {
  it('puts real images into the registry and the same tags into the public library workspace', async () => {
    const t = await tokenFor(w, 'guest');
    const list = await body(await call(listRepos, request('/api/ecns/image/images/repositories/?public=true&page_size=100', { token: t }), { productType: 'image' }));
    const names = list.images.filter((i: { harbor_project_name: string }) => i.harbor_project_name === 'library').map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(['busybox', 'centos', 'nginx', 'redis', 'tomcat']);
    const nginx = await body(await call(getRepo, request('/api/ecns/image/images/repositories/library/nginx/tags/', { token: t }), { productType: 'image', workspace: 'library', image: ['nginx', 'tags'] }));
    expect(nginx.tags.map((x: { tag_name: string }) => x.tag_name)).toEqual(['1.27', 'alpine', 'latest']);
    for (const tag of nginx.tags) {
      const inspected = await skopeo('inspect', `oci:${path.join(tmp.dir, 'registry')}:library/nginx:${tag.tag_name}`);
      expect(inspected.Digest).toBe(tag.digest);
    }
    expect(await reg.listRepositories()).toEqual(['library/busybox', 'library/centos', 'library/nginx', 'library/redis', 'library/tomcat']);
  });

  it('runs once: a second call changes nothing', async () => {
    const before = await reg.listTags('library/nginx');
    await seedImages(w.db, new Date(), reg);
    expect(await reg.listTags('library/nginx')).toEqual(before);
  });
});
