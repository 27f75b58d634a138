import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PayloadTooLarge } from '@/lib/errors';
import { REF_NAME } from '../media';
import { dockerSave, layerTar, ociArchive, sha256, tar, writeArchive } from '../testing/archives';
import { expectInvalid, listFiles, onlyOnce, skopeo, skopeoFails, tempDir } from '../testing/tools';
import type { ImportProgress } from '../types';
import { EmbeddedRegistry } from './backend';

describe.skipIf(onlyOnce)('embedded registry', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let reg: EmbeddedRegistry;
  let root: string;
  let n = 0;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('embedded'));
    root = path.join(dir, 'registry');
    reg = new EmbeddedRegistry(root, 'pier.example:5000');
  });
  afterEach(() => cleanup());

  const archive = (body: Buffer) => writeArchive(path.join(dir, `a${n++}.tar`), body);
  /** The archive as an HTTP body arrives: pieces of varying sizes that do not line up with tar blocks. */
  async function* pieces(body: Buffer): AsyncGenerator<Buffer> {
    const sizes = [1, 511, 7000, 65536, 100, 4 << 20];
    for (let off = 0, i = 0; off < body.length; i++) {
      const n = sizes[i % sizes.length];
      yield Buffer.from(body.subarray(off, off + n));
      off += n;
    }
  }
  const oci = (ref: string) => `oci:${root}:${ref}`;

  it('imports a docker save archive as an OCI layout that skopeo reads', async () => {
    const layers = [layerTar('base', 4096), layerTar('app', 100)];
    const progress: ImportProgress[] = [];
    const file = await archive(dockerSave([{ layers, repoTags: ['registry.example.com/team/web:2.1'] }]));
    const [img, ...rest] = await reg.importArchive(file, { workspace: 'alpha', onProgress: (p) => progress.push(p) });
    expect(rest).toEqual([]);
    expect(img).toMatchObject({ repository: 'alpha/web', tag: '2.1', created: '2026-01-02T03:04:05Z', dockerVersion: '24.0.7', architecture: 'amd64', os: 'linux' });

    const seen = await skopeo('inspect', oci('alpha/web:2.1'));
    expect(seen.Digest).toBe(img.digest);
    expect(seen.Layers).toEqual(layers.map((l) => sha256(l)));
    expect(seen.DockerVersion).toBe('24.0.7');
    // A full copy re-reads every blob and checks it against its digest.
    expect(await skopeoFails('copy', oci('alpha/web:2.1'), `dir:${path.join(dir, 'copy')}`)).toBeNull();

    const manifest = JSON.parse((await readFile(path.join(root, 'blobs/sha256', img.digest.slice(7)))).toString()) as { config: { size: number } };
    expect(img.size).toBe(manifest.config.size + layers[0].length + layers[1].length);

    expect(await reg.listRepositories()).toEqual(['alpha/web']);
    expect(await reg.listTags('alpha/web')).toEqual(['2.1']);
    expect(await reg.inspect('alpha/web', '2.1')).toEqual(img);
    expect(await reg.inspect('alpha/web', 'nope')).toBeNull();
    expect(reg.pullHost()).toBe('pier.example:5000');

    expect(progress.filter((p) => p.phase === 'verify').at(-1)).toMatchObject({ doneBytes: progress[0].totalBytes });
    const push = progress.filter((p) => p.phase === 'push');
    expect(push.at(-1)!.doneBytes).toBe(push.at(-1)!.totalBytes);
    expect(progress.findIndex((p) => p.phase === 'push')).toBeGreaterThan(progress.findIndex((p) => p.phase === 'verify'));
    expect(await listFiles(path.join(root, '.staging'))).toEqual([]);
  });

  it('imports from a stream (an upload parsed as it arrives): docker save, gzip\'d, OCI; skopeo reads them', async () => {
    const layers = [layerTar('s1', 9 << 20), layerTar('s2', 100)];
    const progress: ImportProgress[] = [];
    const body = dockerSave([{ layers, repoTags: ['team/streamed:1'] }]);
    const [img] = await reg.importArchive({ stream: pieces(body), maxBytes: body.length }, { workspace: 'ws', onProgress: (p) => progress.push(p) });
    expect(img).toMatchObject({ repository: 'ws/streamed', tag: '1' });
    expect((await skopeo('inspect', oci('ws/streamed:1'))).Layers).toEqual(layers.map((l) => sha256(l)));
    expect(await skopeoFails('copy', oci('ws/streamed:1'), `dir:${path.join(dir, 'copy')}`)).toBeNull();
    // While it streams the size is unknown (0); at its end the verify phase has the whole count.
    expect(progress.filter((p) => p.phase === 'verify').at(-1)).toEqual({ phase: 'verify', doneBytes: body.length, totalBytes: body.length });
    expect(progress.find((p) => p.phase === 'verify' && p.doneBytes < body.length)?.totalBytes ?? 0).toBe(0);

    const zipped = gzipSync(dockerSave([{ layers: [layerTar('z', 5000)], gzipLayers: true, repoTags: ['zs:1'] }]));
    const [z] = await reg.importArchive({ stream: pieces(zipped), maxBytes: zipped.length }, { workspace: 'ws' });
    expect((await skopeo('inspect', oci('ws/zs:1'))).Digest).toBe(z.digest);

    const o = ociArchive({ layers: [layerTar('so')] });
    const [oi] = await reg.importArchive({ stream: pieces(o.tar), maxBytes: 1 << 30 }, { workspace: 'ws', imageName: 'oci-streamed' });
    expect(oi.digest).toBe(o.manifestDigest);
    expect(await listFiles(path.join(root, '.staging'))).toEqual([]);
  });

  it('a stream beyond maxBytes is refused (PayloadTooLarge), plain or gzip\'d, leaving nothing', async () => {
    const body = dockerSave([{ layers: [layerTar('big', 1 << 20)], repoTags: ['toobig:1'] }]);
    for (const b of [body, gzipSync(body, { level: 0 })]) {
      const err = await reg.importArchive({ stream: pieces(b), maxBytes: b.length - 1 }, { workspace: 'ws' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PayloadTooLarge);
      expect(await listFiles(path.join(root, 'blobs'))).toEqual([]);
      expect(await readdir(path.join(root, '.staging'))).toEqual([]);
    }
    // Trailing bytes after the tar's end blocks count too.
    const padded = Buffer.concat([body, Buffer.alloc(10_000)]);
    expect(await reg.importArchive({ stream: pieces(padded), maxBytes: body.length + 5_000 }, { workspace: 'ws' }).catch((e: unknown) => e)).toBeInstanceOf(PayloadTooLarge);
    expect(await reg.listRepositories()).toEqual([]);
    const [ok] = await reg.importArchive({ stream: pieces(padded), maxBytes: padded.length }, { workspace: 'ws' });
    expect(ok).toMatchObject({ repository: 'ws/toobig', tag: '1' });
  });

  it('gives the image size as config plus layers, as stored', async () => {
    const layers = [layerTar('s', 3000)];
    const body = dockerSave([{ layers }]);
    const [img] = await reg.importArchive(await archive(body), { workspace: 'ws' });
    const manifest = JSON.parse((await readFile(path.join(root, 'blobs/sha256', img.digest.slice(7)))).toString()) as {
      config: { size: number };
      layers: Array<{ size: number; mediaType: string }>;
    };
    expect(img.size).toBe(manifest.config.size + layers[0].length);
    expect(manifest.layers[0].mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
  });

  it('keeps gzip layers compressed and checks them against the diff_ids; takes a gzip-compressed archive', async () => {
    const layers = [layerTar('g1', 2000), layerTar('g2')];
    const body = gzipSync(dockerSave([{ layers, gzipLayers: true, repoTags: ['zipped:v1'] }]));
    const [img] = await reg.importArchive(await archive(body), { workspace: 'ws' });
    const seen = await skopeo('inspect', oci('ws/zipped:v1'));
    expect(seen.Digest).toBe(img.digest);
    expect(seen.Layers).toEqual(layers.map((l) => sha256(gzipSync(l))));
    expect(await skopeoFails('copy', oci('ws/zipped:v1'), `dir:${path.join(dir, 'copy')}`)).toBeNull();
  });

  it('a 9 MiB layer spanning several read chunks is verified, and refused when it does not match', async () => {
    const big = layerTar('big', 9 << 20);
    const [img] = await reg.importArchive(await archive(dockerSave([{ layers: [layerTar('small'), big], repoTags: ['big:1'] }])), { workspace: 'ws' });
    expect((await skopeo('inspect', oci('ws/big:1'))).Layers).toEqual([sha256(layerTar('small')), sha256(big)]);
    expect(await reg.inspect('ws/big', '1')).toEqual(img);
    const good = dockerSave([{ layers: [big], repoTags: ['big:2'] }]);
    const name = /[a-f0-9]{64}\/layer\.tar/.exec(good.toString('latin1'))![0];
    const tampered = dockerSave([{ layers: [big], repoTags: ['big:2'] }], { replace: { [name]: layerTar('evil', 9 << 20) } });
    await expectInvalid(reg.importArchive(await archive(tampered), { workspace: 'ws' }), 'file', /does not match its digest in the config/);
    expect(await reg.listTags('ws/big')).toEqual(['1']);
    expect(await listFiles(path.join(root, '.staging'))).toEqual([]);
  });

  it('imports an OCI archive, keeping its manifest digest, names from the annotations', async () => {
    const a = ociArchive({ layers: [layerTar('o')] });
    const [img] = await reg.importArchive(await archive(a.tar), { workspace: 'ws' });
    expect(img).toMatchObject({ repository: 'ws/app', tag: '1.0', digest: a.manifestDigest });
    expect((await skopeo('inspect', oci('ws/app:1.0'))).Digest).toBe(a.manifestDigest);
  });

  it('takes a whole reference in ref.name (skopeo) and picks linux/amd64 out of a nested index', async () => {
    const a = ociArchive({ layers: [layerTar('n')] }, { nestedIndex: true, annotations: { [REF_NAME]: 'quay.io/org/tool:3' } });
    const [img] = await reg.importArchive(await archive(a.tar), { workspace: 'ws' });
    expect(img).toMatchObject({ repository: 'ws/tool', tag: '3', digest: a.manifestDigest });
    expect((await skopeo('inspect', oci('ws/tool:3'))).Digest).toBe(a.manifestDigest);
  });

  it('image_name and tag_name replace the archive names; every RepoTag becomes a tag', async () => {
    const file = await archive(dockerSave([{ layers: [layerTar('x')], repoTags: ['one:a', 'two:b'] }]));
    const two = await reg.importArchive(file, { workspace: 'ws' });
    expect(two.map((i) => `${i.repository}:${i.tag}`)).toEqual(['ws/one:a', 'ws/two:b']);
    const renamed = await reg.importArchive(file, { workspace: 'ws', imageName: 'team/renamed', tagName: 'v9' });
    expect(renamed.map((i) => `${i.repository}:${i.tag}`)).toEqual(['ws/team/renamed:v9']);
    expect(renamed[0].digest).toBe(two[0].digest);
    expect(await reg.listRepositories()).toEqual(['ws/one', 'ws/team/renamed', 'ws/two']);
    const nameless = await archive(dockerSave([{ layers: [layerTar('y')], repoTags: null }]));
    const [named] = await reg.importArchive(nameless, { workspace: 'ws', imageName: 'given' });
    expect(named).toMatchObject({ repository: 'ws/given', tag: 'latest' });
  });

  it('reads manifest.json wherever it is in the tar, and pax long names', async () => {
    const longTag = `registry.example.com/${'deep/'.repeat(20)}app:long`;
    const file = await archive(dockerSave([{ layers: [layerTar('p')], repoTags: [longTag] }], { manifestFirst: true }));
    const [img] = await reg.importArchive(file, { workspace: 'ws' });
    expect(img).toMatchObject({ repository: 'ws/app', tag: 'long' });
    const longEntry = tar([{ name: `${'d/'.repeat(80)}f`, body: 'x' }]);
    await expectInvalid(reg.importArchive(await archive(longEntry), { workspace: 'ws' }), 'file', /neither a docker save/);
  });

  describe('refuses broken and hostile archives, leaving nothing behind', () => {
    const good = () => dockerSave([{ layers: [layerTar('h', 1000)] }]);
    const layerName = (body: Buffer) => {
      const m = /[a-f0-9]{64}\/layer\.tar/.exec(body.toString('latin1'));
      return m![0];
    };

    const cases: Array<[string, () => Buffer, string, RegExp]> = [
      ['a layer that does not match its diff_id', () => dockerSave([{ layers: [layerTar('h', 1000)] }], { replace: { [layerName(good())]: layerTar('evil', 1000) } }), 'file', /does not match its digest in the config/],
      ['a config whose name is not its digest', () => dockerSave([{ layers: [layerTar('h')] }], { mutateManifest: (items) => { items[0].Config = `${'0'.repeat(64)}.json`; }, extra: [{ name: `${'0'.repeat(64)}.json`, body: '{"rootfs":{"diff_ids":[]}}' }] }), 'file', /does not match its digest/],
      ['a path climbing out (../)', () => dockerSave([{ layers: [layerTar('h')] }], { extra: [{ name: '../../etc/passwd', body: 'x' }] }), 'file', /climbs out/],
      ['a path climbing out midway', () => dockerSave([{ layers: [layerTar('h')] }], { extra: [{ name: 'blobs/../../x', body: 'x' }] }), 'file', /climbs out/],
      ['an absolute path', () => dockerSave([{ layers: [layerTar('h')] }], { extra: [{ name: '/etc/cron.d/x', body: 'x' }] }), 'file', /absolute path/],
      ['a symlink entry', () => dockerSave([{ layers: [layerTar('h')] }], { extra: [{ name: 'link', type: '2', linkname: '/etc/passwd' }] }), 'file', /symbolic link/],
      ['a hard link entry', () => dockerSave([{ layers: [layerTar('h')] }], { extra: [{ name: 'hard', type: '1', linkname: 'manifest.json' }] }), 'file', /hard link/],
      ['a device entry', () => dockerSave([{ layers: [layerTar('h')] }], { extra: [{ name: 'dev', type: '3' }] }), 'file', /character device/],
      ['a missing config', () => { const g = good(); const cfg = /[a-f0-9]{64}\.json/.exec(g.toString('latin1'))![0]; return dockerSave([{ layers: [layerTar('h', 1000)] }], { drop: [cfg] }); }, 'file', /names config .* does not contain/],
      ['a missing layer', () => { const g = good(); return dockerSave([{ layers: [layerTar('h', 1000)] }], { drop: [layerName(g)] }); }, 'file', /names layer .* does not contain/],
      ['no manifest at all', () => tar([{ name: 'layer.tar', body: layerTar('h') }]), 'file', /neither a docker save/],
      ['manifest.json that is not JSON', () => dockerSave([{ layers: [] }], { replace: { 'manifest.json': Buffer.from('{nope') } }), 'file', /not valid JSON/],
      ['manifest.json without Config', () => dockerSave([{ layers: [] }], { mutateManifest: (items) => { delete items[0].Config; } }), 'file', /has no Config/],
      ['layers and diff_ids of different length', () => dockerSave([{ layers: [layerTar('h')] }], { mutateManifest: (items) => { (items[0].Layers as string[]).push('x/layer.tar'); } }), 'file', /lists 2 layers but its config has 1/],
      ['no RepoTags and no image_name', () => dockerSave([{ layers: [layerTar('h')], repoTags: null }]), 'image_name', /does not name its image/],
      ['a RepoTag that is not a valid name', () => dockerSave([{ layers: [layerTar('h')], repoTags: ['Upper/Case:1'] }]), 'file', /not a valid repository name/],
      ['two images on one tag', () => dockerSave([{ layers: [layerTar('h')], repoTags: ['same:1'] }, { layers: [layerTar('i')], repoTags: ['same:1'] }]), 'file', /several images that would all be ws\/same:1/],
      ['a truncated archive', () => good().subarray(0, 2048 + 100), 'file', /truncated/],
      ['something that is not a tar', () => Buffer.from('hello, this is not a tar archive at all'.repeat(20)), 'file', /not a tar archive/],
      ['a broken gzip stream', () => gzipSync(good()).subarray(0, 300), 'file', /gzip stream is broken|truncated/],
      ['a zstd layer', () => dockerSave([{ layers: [layerTar('h', 1000)] }], { replace: { [layerName(good())]: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]) } }), 'file', /zstd/],
      ['an OCI blob that does not match its name', () => { const a = ociArchive({ layers: [layerTar('o')] }); const name = /blobs\/sha256\/[a-f0-9]{64}/.exec(a.tar.toString('latin1'))![0]; return ociArchive({ layers: [layerTar('o')] }, { replace: { [name]: Buffer.from('tampered') } }).tar; }, 'file', /does not match its digest/],
      ['an OCI archive without oci-layout', () => ociArchive({ layers: [layerTar('o')] }, { drop: ['oci-layout'] }).tar, 'file', /without an oci-layout/],
      ['an OCI archive missing a blob', () => { const a = ociArchive({ layers: [layerTar('o')] }); const names = a.tar.toString('latin1').match(/blobs\/sha256\/[a-f0-9]{64}/g)!; return ociArchive({ layers: [layerTar('o')] }, { drop: [names[1]] }).tar; }, 'file', /does not contain/],
      ['an OCI archive with no name and no image_name', () => ociArchive({ layers: [layerTar('o')] }, { annotations: {} }).tar, 'image_name', /does not name its image/],
    ];

    it.each(cases)('%s', async (_what, build, field, reason) => {
      const before = await reg.importArchive(await archive(dockerSave([{ layers: [layerTar('keep')], repoTags: ['kept:1'] }])), { workspace: 'ws' });
      const blobsBefore = await listFiles(path.join(root, 'blobs'));
      const indexBefore = await readFile(path.join(root, 'index.json'), 'utf8');
      await expectInvalid(reg.importArchive(await archive(build()), { workspace: 'ws' }), field, reason);
      expect(await listFiles(path.join(root, 'blobs'))).toEqual(blobsBefore);
      expect(await readFile(path.join(root, 'index.json'), 'utf8')).toBe(indexBefore);
      expect(await listFiles(path.join(root, '.staging'))).toEqual([]);
      expect(await readdir(path.join(root, '.staging'))).toEqual([]);
      expect(await reg.inspect('ws/kept', '1')).toEqual(before[0]);
    });

    it.each(cases)('%s, streamed in odd-sized pieces (an upload): same refusal, nothing left, the stream read no further or drained', async (_what, build, field, reason) => {
      await reg.importArchive({ stream: pieces(dockerSave([{ layers: [layerTar('keep')], repoTags: ['kept:1'] }])), maxBytes: 1 << 30 }, { workspace: 'ws' });
      const blobsBefore = await listFiles(path.join(root, 'blobs'));
      const indexBefore = await readFile(path.join(root, 'index.json'), 'utf8');
      const body = Readable.from(pieces(build()), { objectMode: true });
      await expectInvalid(reg.importArchive({ stream: body.iterator({ destroyOnReturn: false }), maxBytes: 1 << 30 }, { workspace: 'ws' }), field, reason);
      // The caller can still drain what is left (the HTTP request must complete).
      expect(body.readableAborted).toBe(false);
      for await (const _ of body) void _;
      expect(await listFiles(path.join(root, 'blobs'))).toEqual(blobsBefore);
      expect(await readFile(path.join(root, 'index.json'), 'utf8')).toBe(indexBefore);
      expect(await readdir(path.join(root, '.staging'))).toEqual([]);
    });

    it('names image_name, tag_name and the workspace when those are wrong', async () => {
      const file = await archive(good());
      await expectInvalid(reg.importArchive(file, { workspace: 'ws', imageName: 'Bad Name' }), 'image_name', /not a valid repository name/);
      await expectInvalid(reg.importArchive(file, { workspace: 'ws', imageName: 'a//b' }), 'image_name');
      await expectInvalid(reg.importArchive(file, { workspace: 'ws', imageName: 'x'.repeat(256) }), 'image_name');
      await expectInvalid(reg.importArchive(file, { workspace: 'ws', tagName: '-dash' }), 'tag_name', /not a valid tag/);
      await expectInvalid(reg.importArchive(file, { workspace: 'ws', tagName: 't'.repeat(129) }), 'tag_name');
      await expectInvalid(reg.importArchive(file, { workspace: 'Not/One' }), 'workspace');
      expect(await listFiles(path.join(root, 'blobs'))).toEqual([]);
      expect(await reg.listRepositories()).toEqual([]);
    });
  });

  it('concurrent imports of one tag end with one winner and a whole index', async () => {
    const files = await Promise.all(
      ['c1', 'c2', 'c3', 'c4'].map((s) => archive(dockerSave([{ layers: [layerTar(s, 20_000)], repoTags: ['race:1'] }]))),
    );
    const results = await Promise.all(files.map((f) => reg.importArchive(f, { workspace: 'ws' })));
    const index = JSON.parse(await readFile(path.join(root, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; annotations: Record<string, string> }> };
    const entries = index.manifests.filter((m) => m.annotations[REF_NAME] === 'ws/race:1');
    expect(entries).toHaveLength(1);
    expect(results.map((r) => r[0].digest)).toContain(entries[0].digest);
    expect((await skopeo('inspect', oci('ws/race:1'))).Digest).toBe(entries[0].digest);
    expect(await reg.listTags('ws/race')).toEqual(['1']);
  });

  it('two registries on one directory (two processes) share the lock file and keep every tag', async () => {
    const other = new EmbeddedRegistry(root, 'x');
    const files = await Promise.all(['p1', 'p2', 'p3'].map((s, i) => archive(dockerSave([{ layers: [layerTar(s)], repoTags: [`multi:${i}`] }]))));
    await Promise.all(files.map((f, i) => (i % 2 ? other : reg).importArchive(f, { workspace: 'ws' })));
    expect(await reg.listTags('ws/multi')).toEqual(['0', '1', '2']);
  });

  it('deletes tags and repositories; GC sweeps only unreferenced blobs', async () => {
    const shared = layerTar('shared', 5000);
    const onlyA = layerTar('only-a', 7000);
    const [a] = await reg.importArchive(await archive(dockerSave([{ layers: [shared, onlyA], repoTags: ['gc:a'], created: '2026-01-01T00:00:00Z' }])), { workspace: 'ws' });
    const [b] = await reg.importArchive(await archive(dockerSave([{ layers: [shared], repoTags: ['gc:b'] }])), { workspace: 'ws' });
    await reg.importArchive(await archive(dockerSave([{ layers: [layerTar('other')], repoTags: ['gone:1', 'gone:2'] }])), { workspace: 'ws' });

    expect(await reg.garbageCollect()).toEqual({ removedBlobs: 0, freedBytes: 0 });
    const usedBefore = (await reg.storage()).usedBytes;

    await reg.deleteTag('ws/gc', 'a');
    await reg.deleteTag('ws/gc', 'a'); // deleting again is not an error
    expect(await reg.listTags('ws/gc')).toEqual(['b']);
    expect(await skopeoFails('inspect', oci('ws/gc:a'))).not.toBeNull();
    await reg.deleteRepository('ws/gone');
    expect(await reg.listRepositories()).toEqual(['ws/gc']);

    const phases = new Set<string>();
    const result = await reg.garbageCollect((p) => phases.add(p.phase));
    expect(phases).toEqual(new Set(['mark', 'sweep']));
    // a: its manifest, config and only-a layer; gone: manifest, config, layer.
    expect(result.removedBlobs).toBe(6);
    const after = await reg.storage();
    expect(after.usedBytes).toBe(usedBefore - result.freedBytes);
    expect(result.freedBytes).toBeGreaterThan(onlyA.length);
    expect(await listFiles(path.join(root, 'blobs/sha256'))).not.toContain(a.digest.slice(7));
    expect(await skopeoFails('copy', oci('ws/gc:b'), `dir:${path.join(dir, 'b')}`)).toBeNull();
    expect(await reg.inspect('ws/gc', 'b')).toEqual(b);
    expect(await reg.garbageCollect()).toEqual({ removedBlobs: 0, freedBytes: 0 });
    expect(after.totalBytes).toBeGreaterThan(after.freeBytes);
  });

  it('an upload of layers it already has: staging is empty when it returns, the copies go from .trash, GC clears what a crash left there', async () => {
    const layers = [layerTar('again', 5 << 20)];
    const body = dockerSave([{ layers, repoTags: ['again:1'] }]);
    await reg.importArchive({ stream: pieces(body), maxBytes: body.length }, { workspace: 'ws' });
    await reg.trashEmptied();
    expect(await readdir(path.join(root, '.trash'))).toEqual([]);
    const [img] = await reg.importArchive({ stream: pieces(body), maxBytes: body.length }, { workspace: 'ws', tagName: '2' });
    expect(await readdir(path.join(root, '.staging'))).toEqual([]);
    await reg.trashEmptied();
    expect(await readdir(path.join(root, '.trash'))).toEqual([]);
    expect((await skopeo('inspect', oci('ws/again:2'))).Digest).toBe(img.digest);
    expect(await listFiles(path.join(root, 'blobs/sha256'))).toContain(sha256(layers[0]).slice(7));

    // A set-aside directory whose removal a crash cut short.
    await mkdir(path.join(root, '.trash', 'import-crashed'));
    await writeFile(path.join(root, '.trash', 'import-crashed', 'e0'), 'left');
    expect(await reg.garbageCollect()).toEqual({ removedBlobs: 0, freedBytes: 0 });
    expect(await readdir(path.join(root, '.trash'))).toEqual([]);
  });
});
