import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { POST as resync } from '@/app/api/ecns/[productType]/images/system/resync/route';
import { auditLog, imageRepositories, imageTags, imageWorkspaces } from '@/db/schema';
import { EmbeddedRegistry, OciRegistry } from '@/lib/registry';
import { dockerSave, layerTar, writeArchive } from '@/lib/registry/testing/archives';
import { startDockerRegistry, type RunningRegistry } from '@/lib/registry/testing/docker-registry';
import { skopeo, skopeoFails, tempDir } from '@/lib/registry/testing/tools';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { catalogCounts } from './testing/catalog-fixture';
import { setCatalogBackend } from './registry-link';
import { uploadImage } from './upload';
import { createWorkspace } from './workspaces';

/**
 * The catalog re-synced from a real registry (Debian's docker-registry),
 * after skopeo, an independent client, pushed and deleted images behind
 * Pier's back.
 */
const w = setupWorld();
const P = { productType: 'image' };
let server: RunningRegistry;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let side: EmbeddedRegistry;
let n = 0;

beforeAll(async () => {
  server = await startDockerRegistry();
  tmp = await tempDir('resync');
  setCatalogBackend(new OciRegistry({ url: server.url, stagingDir: path.join(tmp.dir, 'staging') }));
  // Images for skopeo to push come from an OCI layout of their own.
  side = new EmbeddedRegistry(path.join(tmp.dir, 'side'), 'side.local');
});
afterAll(async () => {
  setCatalogBackend(null);
  await server?.stop();
  await tmp?.cleanup();
});

const tok = (who: UserName) => tokenFor(w, who);
const resyncAs = async (who: UserName) => call(resync, request('/api/ecns/image/images/system/resync', { token: await tok(who), method: 'POST' }), P);

async function archiveFile(seed: string, repoTags: string[]): Promise<string> {
  return writeArchive(path.join(tmp.dir, `a${n++}.tar`), dockerSave([{ layers: [layerTar(seed, 2000)], repoTags }]));
}

/** Pushes an image to the registry with skopeo, not through Pier. */
async function pushBehindPiersBack(seed: string, dest: string): Promise<string> {
  const [img] = await side.importArchive(await archiveFile(seed, [`x/${seed}:1`]), { workspace: 'side' });
  expect(await skopeoFails('copy', '--quiet', '--dest-tls-verify=false', `oci:${path.join(tmp.dir, 'side')}:${img.repository}:${img.tag}`, `docker://${server.host}/${dest}`)).toBeNull();
  return img.digest;
}

async function catalogTags(): Promise<string[]> {
  const rows = await w.db
    .select({ ws: imageWorkspaces.name, repo: imageRepositories.name, tag: imageTags.name })
    .from(imageTags)
    .innerJoin(imageRepositories, eq(imageRepositories.id, imageTags.repositoryId))
    .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId));
  return rows.map((r) => `${r.ws}/${r.repo}:${r.tag}`).sort();
}

describe('re-sync of the catalog from the registry', () => {
  it('adds what the registry has, drops what it lacks, moves retagged tags, and reports the counts', async () => {
    await createWorkspace(w.ctx('dev'), { name: 'sync-alpha', public: false });
    for (const [seed, image, tag] of [['web1', 'web', '1'], ['web2', 'web', '2'], ['gone', 'gone', '1']]) {
      await uploadImage(w.ctx('dev'), { workspace: 'sync-alpha', imageName: image, tagName: tag }, createReadStream(await archiveFile(seed, ['a:b'])));
    }
    expect(await catalogTags()).toEqual(['sync-alpha/gone:1', 'sync-alpha/web:1', 'sync-alpha/web:2']);

    // Behind Pier's back: two new images (one in a workspace Pier does not know), one retag, two deletes.
    const sneaky = await pushBehindPiersBack('sneaky', 'sync-alpha/sneaky:1');
    await pushBehindPiersBack('tool', 'outside/tools/tool:2');
    const moved = await pushBehindPiersBack('web2b', 'sync-alpha/web:2');
    expect(await skopeoFails('delete', '--tls-verify=false', `docker://${server.host}/sync-alpha/web:1`)).toBeNull();
    expect(await skopeoFails('delete', '--tls-verify=false', `docker://${server.host}/sync-alpha/gone:1`)).toBeNull();

    const res = await resyncAs('admin');
    expect(res.status).toBe(200);
    expect((await body(res)).resync).toEqual({
      workspaces_added: 1, repositories_added: 2, repositories_removed: 1, tags_added: 2, tags_updated: 1, tags_removed: 2, skipped: [],
    });
    expect(await catalogTags()).toEqual(['outside/tools/tool:2', 'sync-alpha/sneaky:1', 'sync-alpha/web:2']);
    const [outside] = await w.db.select().from(imageWorkspaces).where(eq(imageWorkspaces.name, 'outside'));
    expect(outside).toMatchObject({ public: false, projectId: null });
    const [web2] = await w.db
      .select({ digest: imageTags.digest, size: imageTags.size, arch: imageTags.architecture })
      .from(imageTags)
      .innerJoin(imageRepositories, eq(imageRepositories.id, imageTags.repositoryId))
      .where(and(eq(imageRepositories.name, 'web'), eq(imageTags.name, '2')));
    // skopeo may rewrite the manifest on the way: the registry's digest is the truth.
    expect(web2.digest).toBe((await skopeo('inspect', '--tls-verify=false', `docker://${server.host}/sync-alpha/web:2`)).Digest);
    expect(moved).toMatch(/^sha256:/);
    expect(web2.arch).toBe('amd64');
    const seen = await skopeo('inspect', '--tls-verify=false', `docker://${server.host}/sync-alpha/sneaky:1`);
    const [sneakyRow] = await w.db
      .select({ digest: imageTags.digest })
      .from(imageTags)
      .innerJoin(imageRepositories, eq(imageRepositories.id, imageTags.repositoryId))
      .where(eq(imageRepositories.name, 'sneaky'));
    expect(sneakyRow.digest).toBe(seen.Digest);
    expect(sneaky).toMatch(/^sha256:/);
    const audit = await w.db.select().from(auditLog).where(eq(auditLog.action, 'resync'));
    expect(audit).toHaveLength(1);

    // In step now: a second run changes nothing.
    const again = await resyncAs('admin');
    expect((await body(again)).resync).toEqual({
      workspaces_added: 0, repositories_added: 0, repositories_removed: 0, tags_added: 0, tags_updated: 0, tags_removed: 0, skipped: [],
    });
  });

  it('is for system administrators only: department admins, developers and visitors get 403 and nothing changes', async () => {
    await pushBehindPiersBack('late', 'sync-alpha/late:1');
    const before = await catalogCounts(w.db);
    for (const who of ['ops', 'dev', 'guest', 'oadmin'] as const) {
      const res = await resyncAs(who);
      expect(res.status).toBe(403);
      expect((await body(res)).error).toMatchObject({ code: 403 });
    }
    expect(await catalogCounts(w.db)).toEqual(before);
    expect(await catalogTags()).not.toContain('sync-alpha/late:1');
  });
});
