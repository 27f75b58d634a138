import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Conflict } from '@/lib/errors';
import { registryFromEnv } from '../index';
import { dockerSave, layerTar, ociArchive, sha256, writeArchive } from '../testing/archives';
import { startDockerRegistry, type RunningRegistry } from '../testing/docker-registry';
import { startTokenService, type TokenService } from '../testing/token-service';
import { expectInvalid, onlyOnce, skopeo, skopeoFails, tempDir } from '../testing/tools';
import { RegistryAuthError } from './auth';
import { OciRegistry } from './backend';

// Test-only credentials; the hash is bcrypt (cost 5) of the password, as htpasswd files hold it.
const USER = 'pier';
const PASSWORD = 'pier-registry-pass';
const HTPASSWD = `${USER}:$2b$05$ZpCRVt8Mzody4qgPupk13.rSA6nQQ7/jaqA8ayS6sejMDmjrAjiAu\n`;

describe.skipIf(onlyOnce)('oci backend against docker-registry', () => {
  let server: RunningRegistry;
  let dir: string;
  let cleanup: () => Promise<void>;
  let reg: OciRegistry;
  let n = 0;

  beforeAll(async () => {
    server = await startDockerRegistry();
    ({ dir, cleanup } = await tempDir('oci'));
  });
  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });
  beforeEach(() => {
    reg = new OciRegistry({ url: server.url, stagingDir: path.join(dir, 'staging') });
  });

  const archive = (body: Buffer) => writeArchive(path.join(dir, `a${n++}.tar`), body);
  const remote = (ref: string) => `docker://${server.host}/${ref}`;

  it('pushes a docker save archive that skopeo then reads from the registry', async () => {
    const layers = [layerTar('base', 50_000), layerTar('app')];
    const progress: Array<{ phase: string; doneBytes: number; totalBytes: number }> = [];
    const [img] = await reg.importArchive(await archive(dockerSave([{ layers, repoTags: ['team/web:2.1'] }])), {
      workspace: 'alpha',
      onProgress: (p) => progress.push(p),
    });
    expect(img).toMatchObject({ repository: 'alpha/web', tag: '2.1', dockerVersion: '24.0.7', architecture: 'amd64', os: 'linux' });
    const seen = await skopeo('inspect', '--tls-verify=false', remote('alpha/web:2.1'));
    expect(seen.Digest).toBe(img.digest);
    expect(seen.Layers).toEqual(layers.map((l) => sha256(l)));
    expect(await skopeoFails('copy', '--src-tls-verify=false', remote('alpha/web:2.1'), `dir:${path.join(dir, 'copy1')}`)).toBeNull();

    expect(await reg.inspect('alpha/web', '2.1')).toEqual(img);
    expect(await reg.inspect('alpha/web', 'missing')).toBeNull();
    expect(await reg.inspect('nobody/here', '1')).toBeNull();
    expect(await reg.listTags('alpha/web')).toEqual(['2.1']);
    expect(await reg.listTags('nobody/here')).toEqual([]);
    expect(await reg.listRepositories()).toContain('alpha/web');
    const push = progress.filter((p) => p.phase === 'push');
    expect(push.at(-1)!.doneBytes).toBe(push.at(-1)!.totalBytes);
    expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
  });

  it('skips blobs the registry already has (HEAD) and uploads only new ones', async () => {
    const shared = layerTar('shared-layer', 30_000);
    await reg.importArchive(await archive(dockerSave([{ layers: [shared], repoTags: ['skip:1'] }])), { workspace: 'ws' });
    const calls: string[] = [];
    const original = reg.client.request.bind(reg.client);
    vi.spyOn(reg.client, 'request').mockImplementation((method, p, o) => {
      calls.push(`${method} ${o.url ? 'upload' : p}`);
      return original(method, p, o);
    });
    const fresh = layerTar('fresh-layer');
    await reg.importArchive(await archive(dockerSave([{ layers: [shared, fresh], repoTags: ['skip:2'] }])), { workspace: 'ws' });
    // config and the fresh layer are new: two uploads; the shared layer only a HEAD.
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
    expect(calls.filter((c) => c === 'PUT upload')).toHaveLength(2);
    expect(calls).toContain(`HEAD v2/ws/skip/blobs/${sha256(shared)}`);
    expect((await skopeo('inspect', '--tls-verify=false', remote('ws/skip:2'))).Layers).toEqual([sha256(shared), sha256(fresh)]);
  });

  it('pushes an OCI archive keeping its manifest digest; gzip layers stay compressed', async () => {
    const a = ociArchive({ layers: [layerTar('o1'), layerTar('o2')], gzipLayers: true });
    const [img] = await reg.importArchive(await archive(a.tar), { workspace: 'ws', tagName: 'oci' });
    expect(img).toMatchObject({ repository: 'ws/app', tag: 'oci', digest: a.manifestDigest });
    expect((await skopeo('inspect', '--tls-verify=false', remote('ws/app:oci'))).Digest).toBe(a.manifestDigest);
    expect(await skopeoFails('copy', '--src-tls-verify=false', remote('ws/app:oci'), `dir:${path.join(dir, 'copy2')}`)).toBeNull();
  });

  it('deleting one tag keeps the other tags on the same digest; deleting a repository removes all its tags', async () => {
    await reg.importArchive(await archive(dockerSave([{ layers: [layerTar('d')], repoTags: ['del:a', 'del:b'] }])), { workspace: 'ws' });
    await reg.importArchive(await archive(dockerSave([{ layers: [layerTar('e')], repoTags: ['del:c'] }])), { workspace: 'ws' });
    const b = await reg.inspect('ws/del', 'b');
    await reg.deleteTag('ws/del', 'a');
    await reg.deleteTag('ws/del', 'a');
    expect(await reg.listTags('ws/del')).toEqual(['b', 'c']);
    expect(await skopeoFails('inspect', '--tls-verify=false', remote('ws/del:a'))).toMatch(/manifest unknown|not found/i);
    expect((await skopeo('inspect', '--tls-verify=false', remote('ws/del:b'))).Digest).toBe(b!.digest);
    await reg.deleteRepository('ws/del');
    expect(await reg.listTags('ws/del')).toEqual([]);
    expect(await reg.listRepositories()).not.toContain('ws/del');
    expect(await skopeoFails('inspect', '--tls-verify=false', remote('ws/del:c'))).not.toBeNull();
  });

  it('refuses a hostile archive before pushing anything', async () => {
    const bad = dockerSave([{ layers: [layerTar('h')], repoTags: ['hostile:1'] }], { extra: [{ name: '../escape', body: 'x' }] });
    await expectInvalid(reg.importArchive(await archive(bad), { workspace: 'ws' }), 'file', /climbs out/);
    expect(await reg.listTags('ws/hostile')).toEqual([]);
    expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
  });

  it('storage: disk numbers with the storage dir, else the sum of referenced blobs; GC is refused with the reason', async () => {
    const withDir = new OciRegistry({ url: server.url, stagingDir: path.join(dir, 'staging'), storageDir: server.storageDir });
    const disk = await withDir.storage();
    expect(disk.usedBytes).toBeGreaterThan(0);
    expect(disk.totalBytes).toBeGreaterThan(disk.freeBytes);
    const sum = await reg.storage();
    expect(sum.usedBytes).toBeGreaterThan(50_000);
    expect(sum).toMatchObject({ freeBytes: 0, totalBytes: 0 });
    const err = await reg.garbageCollect().catch((e) => e);
    expect(err).toBeInstanceOf(Conflict);
    expect(String(err.message)).toMatch(/garbage-collect/);
  });

  it('registryFromEnv builds it from PIER_REGISTRY*', () => {
    const r = registryFromEnv({ PIER_REGISTRY: 'oci', PIER_REGISTRY_URL: server.url, PIER_DATA_DIR: dir });
    expect(r.kind).toBe('oci');
    expect(r.pullHost()).toBe(server.host);
    expect(registryFromEnv({ PIER_REGISTRY: 'oci', PIER_REGISTRY_URL: server.url, PIER_REGISTRY_PULL_HOST: 'reg.example' }).pullHost()).toBe('reg.example');
    expect(() => registryFromEnv({ PIER_REGISTRY: 'oci' })).toThrow(/PIER_REGISTRY_URL/);
    expect(() => registryFromEnv({ PIER_REGISTRY: 'harbor' })).toThrow(/embedded.*oci/);
    expect(registryFromEnv({ PIER_DATA_DIR: dir }).kind).toBe('embedded');
  });
});

describe.skipIf(onlyOnce)('oci backend with basic auth (htpasswd)', () => {
  let server: RunningRegistry;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    server = await startDockerRegistry({ htpasswd: HTPASSWD });
    ({ dir, cleanup } = await tempDir('oci-basic'));
  });
  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  it('answers the Basic challenge with the configured credentials', async () => {
    const reg = new OciRegistry({ url: server.url, username: USER, password: PASSWORD, stagingDir: path.join(dir, 's') });
    const file = await writeArchive(path.join(dir, 'a.tar'), dockerSave([{ layers: [layerTar('auth')], repoTags: ['secured:1'] }]));
    const [img] = await reg.importArchive(file, { workspace: 'ws' });
    expect(await reg.listRepositories()).toEqual(['ws/secured']);
    const seen = await skopeo('inspect', '--tls-verify=false', `--creds=${USER}:${PASSWORD}`, `docker://${server.host}/ws/secured:1`);
    expect(seen.Digest).toBe(img.digest);
    expect(await skopeoFails('inspect', '--tls-verify=false', `docker://${server.host}/ws/secured:1`)).not.toBeNull();
  });

  it('a wrong password or none fails with the reason, and pushes nothing', async () => {
    const file = await writeArchive(path.join(dir, 'b.tar'), dockerSave([{ layers: [layerTar('nope')], repoTags: ['denied:1'] }]));
    const wrong = new OciRegistry({ url: server.url, username: USER, password: 'wrong', stagingDir: path.join(dir, 's') });
    await expect(wrong.importArchive(file, { workspace: 'ws' })).rejects.toBeInstanceOf(RegistryAuthError);
    const none = new OciRegistry({ url: server.url, stagingDir: path.join(dir, 's') });
    await expect(none.listTags('ws/secured')).rejects.toThrow(/PIER_REGISTRY_USERNAME/);
    const right = new OciRegistry({ url: server.url, username: USER, password: PASSWORD, stagingDir: path.join(dir, 's') });
    expect(await right.listTags('ws/denied')).toEqual([]);
  });
});

describe.skipIf(onlyOnce)('oci backend with bearer-token auth', () => {
  let tokens: TokenService;
  let server: RunningRegistry;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    tokens = await startTokenService(USER, PASSWORD);
    server = await startDockerRegistry({ token: tokens });
    ({ dir, cleanup } = await tempDir('oci-token'));
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.stop();
    await cleanup?.();
  });

  it('fetches tokens from the challenge realm for each scope and pushes, lists, inspects, deletes', async () => {
    const reg = new OciRegistry({ url: server.url, username: USER, password: PASSWORD, stagingDir: path.join(dir, 's') });
    const file = await writeArchive(path.join(dir, 'a.tar'), dockerSave([{ layers: [layerTar('tok')], repoTags: ['tokened:1', 'tokened:2'] }]));
    const [img] = await reg.importArchive(file, { workspace: 'ws' });
    expect(tokens.requests[0]).toContain('repository:ws/tokened:pull,push');
    expect(await reg.listRepositories()).toEqual(['ws/tokened']);
    expect(tokens.requests.flat()).toContain('registry:catalog:*');
    expect(await reg.inspect('ws/tokened', '1')).toEqual(img);
    await reg.deleteTag('ws/tokened', '1');
    expect(tokens.requests.flat()).toContain('repository:ws/tokened:delete');
    expect(await reg.listTags('ws/tokened')).toEqual(['2']);
  });

  it('wrong credentials at the token service fail with the reason', async () => {
    const reg = new OciRegistry({ url: server.url, username: USER, password: 'wrong', stagingDir: path.join(dir, 's') });
    await expect(reg.listTags('ws/tokened')).rejects.toThrow(/token service answered 401/);
  });
});
