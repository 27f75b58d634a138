import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PayloadTooLarge } from '@/lib/errors';
import { onlyOnce, tempDir } from './testing/tools';
import { DEFAULT_UPLOAD_MAX_BYTES, receiveUpload, uploadMaxBytes } from './upload';

function streamOf(chunks: Buffer[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i < chunks.length) c.enqueue(new Uint8Array(chunks[i++]));
      else c.close();
    },
  });
}

describe.skipIf(onlyOnce)('receiveUpload', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('upload')));
  afterEach(() => cleanup());

  it('writes the body to a file in dir and counts it', async () => {
    const chunks = [Buffer.alloc(70_000, 1), Buffer.alloc(5, 2), Buffer.alloc(100_000, 3)];
    const seen: number[] = [];
    const up = await receiveUpload(streamOf(chunks), { maxBytes: 170_005, dir: path.join(dir, 'in'), onProgress: (b) => seen.push(b) });
    expect(up.bytes).toBe(170_005);
    expect(path.dirname(up.file)).toBe(path.join(dir, 'in'));
    expect((await readFile(up.file)).equals(Buffer.concat(chunks))).toBe(true);
    expect(seen).toEqual([70_000, 70_005, 170_005]);
  });

  it('over maxBytes: PayloadTooLarge and no file left', async () => {
    const err = await receiveUpload(streamOf([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000, dir }).catch((e) => e);
    expect(err).toBeInstanceOf(PayloadTooLarge);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a body that fails midway leaves no file', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(c) {
        if (!sent) {
          sent = true;
          c.enqueue(new Uint8Array(10));
        } else c.error(new Error('client went away'));
      },
    });
    await expect(receiveUpload(broken, { maxBytes: 1000, dir })).rejects.toThrow('client went away');
    expect(await readdir(dir)).toEqual([]);
  });

  it('PIER_UPLOAD_MAX_BYTES sets the limit, 2 GiB by default', () => {
    expect(uploadMaxBytes({})).toBe(DEFAULT_UPLOAD_MAX_BYTES);
    expect(DEFAULT_UPLOAD_MAX_BYTES).toBe(2147483648);
    expect(uploadMaxBytes({ PIER_UPLOAD_MAX_BYTES: '1024' })).toBe(1024);
    expect(uploadMaxBytes({ PIER_UPLOAD_MAX_BYTES: 'lots' })).toBe(DEFAULT_UPLOAD_MAX_BYTES);
  });
});
