import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageArchive } from '../archive/stage';
import { dockerSave, layerTar, sha256, tar } from '../testing/archives';
import { recordingFsIo, type FsEvent } from '../testing/fs-recorder';
import { onlyOnce, tempDir } from '../testing/tools';
import { EmbeddedRegistry } from './backend';

/** The archive as an HTTP body arrives: pieces that do not line up with tar blocks or write buffers. */
async function* pieces(body: Buffer): AsyncGenerator<Buffer> {
  const sizes = [1, 511, 65536, 7000, 3 << 20];
  for (let off = 0, i = 0; off < body.length; i++) {
    const n = sizes[i % sizes.length];
    yield Buffer.from(body.subarray(off, off + n));
    off += n;
  }
}

const flushed = (e: FsEvent, p: string) => (e.op === 'sync' || e.op === 'datasync') && e.path === p;

describe.skipIf(onlyOnce)('embedded registry: durable imports', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('durable')));
  afterEach(() => cleanup());

  it('answers only after every blob, the blob directory and index.json are flushed, each flush before its rename', async () => {
    const rec = recordingFsIo();
    const root = path.join(dir, 'registry');
    const reg = new EmbeddedRegistry(root, 'pier.test:5000', { io: rec.io });
    // One layer of 9 MiB (flushed while written), two small ones (flushed by the backend before the move).
    const layers = [layerTar('big', 9 << 20), layerTar('small-a', 10), layerTar('small-b', 300)];
    const [img] = await reg.importArchive({ stream: pieces(dockerSave([{ layers, repoTags: ['team/web:1'] }])), maxBytes: 64 << 20 }, { workspace: 'ws' });
    rec.log.push({ op: 'mark', path: 'answered' });
    const answered = rec.log.length - 1;

    const blobDir = reg.layout.blobDir;
    const blobs = (await readdir(blobDir)).map((n) => path.join(blobDir, n));
    expect(blobs).toContain(reg.layout.blobFile(img.digest));
    for (const l of layers) expect(blobs).toContain(reg.layout.blobFile(sha256(l)));
    let lastBlobRename = -1;
    for (const blob of blobs) {
      const moved = rec.log.findIndex((e) => e.op === 'rename' && e.to === blob);
      expect(moved, `${blob} renamed into the layout`).toBeGreaterThanOrEqual(0);
      const from = rec.log[moved].path;
      const flush = rec.log.findIndex((e) => flushed(e, from));
      expect(flush, `${path.basename(blob)} flushed before its rename`).toBeGreaterThanOrEqual(0);
      expect(flush).toBeLessThan(moved);
      lastBlobRename = Math.max(lastBlobRename, moved);
    }
    const dirFlush = rec.log.findLastIndex((e) => flushed(e, blobDir));
    expect(dirFlush).toBeGreaterThan(lastBlobRename);
    expect(dirFlush).toBeLessThan(answered);

    const indexSwap = rec.log.findLastIndex((e) => e.op === 'rename' && e.to === reg.layout.indexFile);
    expect(indexSwap).toBeGreaterThan(dirFlush);
    expect(rec.log.findIndex((e) => flushed(e, rec.log[indexSwap].path))).toBeLessThan(indexSwap);
    const rootFlush = rec.log.findLastIndex((e) => flushed(e, root));
    expect(rootFlush).toBeGreaterThan(indexSwap);
    expect(rootFlush).toBeLessThan(answered);
  });

  it('durable: false flushes nothing (PIER_REGISTRY_FSYNC=0)', async () => {
    const rec = recordingFsIo();
    const reg = new EmbeddedRegistry(path.join(dir, 'registry'), 'pier.test:5000', { io: rec.io, durable: false });
    await reg.importArchive({ stream: pieces(dockerSave([{ layers: [layerTar('big', 5 << 20)], repoTags: ['team/web:1'] }])), maxBytes: 64 << 20 }, { workspace: 'ws' });
    expect(rec.log.filter((e) => e.op === 'sync' || e.op === 'datasync')).toEqual([]);
    expect(rec.log.some((e) => e.op === 'rename')).toBe(true);
  });

  it('a large entry is flushed while it is written, at most two flushes on the way at once (two only near its end) and the final one, and its digest is unchanged', async () => {
    const rec = recordingFsIo();
    const body = Buffer.alloc(21 << 20);
    for (let i = 0; i < body.length; i += 4096) body.writeUInt32BE(i, i);
    const staged = await stageArchive({ stream: pieces(tar([{ name: 'big', body }, { name: 'small', body: 'x' }])), maxBytes: 64 << 20 }, dir, undefined, {
      durable: true, io: rec.io, syncEveryBytes: 4 << 20,
    });
    const big = staged.entries.get('big')!;
    expect(big.digest).toBe(sha256(body));
    // At least one flush on the way (the first starts with the first write) and the final one.
    expect(rec.log.filter((e) => e.op === 'datasync' && e.path === big.file).length).toBeGreaterThanOrEqual(2);
    expect(rec.mostFlushesAtOnce(big.file)).toBeLessThanOrEqual(3);
    expect(staged.synced.has(big.file)).toBe(true);
    // Small entries are left to the caller, which flushes only those it keeps.
    expect(staged.synced.has(staged.entries.get('small')!.file)).toBe(false);
  });

  it('near its end a large entry is flushed in small steps, up to two at once beside the final one, so the final flush finds little left', async () => {
    const rec = recordingFsIo();
    const body = Buffer.alloc(21 << 20);
    for (let i = 0; i < body.length; i += 4096) body.writeUInt32BE(i ^ 0x5a5a, i);
    // 21 MiB with a flush every 32 MiB: all of it lies in the last 2 × 32 MiB, where a flush starts every 4 MiB unflushed.
    // (Without that, the only flush would be the final one.)
    const staged = await stageArchive({ stream: pieces(tar([{ name: 'big', body }])), maxBytes: 64 << 20 }, dir, undefined, {
      durable: true, io: rec.io, syncEveryBytes: 32 << 20,
    });
    const big = staged.entries.get('big')!;
    expect(big.digest).toBe(sha256(body));
    expect(rec.log.filter((e) => e.op === 'datasync' && e.path === big.file).length).toBeGreaterThanOrEqual(2);
    expect(rec.mostFlushesAtOnce(big.file)).toBeLessThanOrEqual(3);
  });

  it('a flush that fails while a layer is still written fails the import, though the final flush succeeds, and leaves nothing behind', async () => {
    // Linux reports a write-back error to one fdatasync of an open file: here the first flush of all, the layer's
    // first (only large entries get fdatasync), gets it, and every other flush succeeds.
    const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    let failed = false;
    const rec = recordingFsIo({ failFlush: ({ op }) => (op === 'datasync' && !failed ? ((failed = true), eio) : null) });
    const reg = new EmbeddedRegistry(path.join(dir, 'registry'), 'pier.test:5000', { io: rec.io });
    const layers = [layerTar('big', 21 << 20), layerTar('small', 10)];
    await expect(reg.importArchive({ stream: pieces(dockerSave([{ layers, repoTags: ['team/web:1'] }])), maxBytes: 64 << 20 }, { workspace: 'ws' }))
      .rejects.toBe(eio);
    // Later flushes of the layer, the final one included, succeeded: without the failure kept, the import would have too.
    expect(rec.log.filter((e) => e.op === 'datasync').length).toBeGreaterThanOrEqual(1);
    expect(await readdir(reg.layout.blobDir)).toEqual([]);
    expect(await readdir(reg.layout.stagingDir)).toEqual([]);
    expect((await reg.layout.readIndex()).manifests).toEqual([]);
  });
});
