import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256, tar } from '../testing/archives';
import { onlyOnce, tempDir } from '../testing/tools';
import { stageArchive } from './stage';

/** Bytes that differ from block to block, so a misplaced, missing or reordered piece changes the digest. */
function noise(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update(String(seed)).digest();
  for (let i = 0; i < n; i += 32) {
    block = createHash('sha256').update(block).digest();
    block.copy(out, i);
  }
  return out;
}

async function* pieces(body: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  for (let off = 0, i = 0; off < body.length; i++) {
    const n = sizes[i % sizes.length];
    yield Buffer.from(body.subarray(off, off + n));
    off += n;
  }
}

// With PIER_REGISTRY_HASH_THREAD=1 the thread reads each written range back from the staged file; by default the stager hashes as it writes.
describe.skipIf(onlyOnce).each([
  ['on the hash thread (PIER_REGISTRY_HASH_THREAD=1)', '1'],
  ['on the main thread (the default)', '0'],
])('stageArchive: large entries hashed %s', (_, setting) => {
  let dir: string;
  let cleanup: () => Promise<void>;
  // Read when a stage starts.
  beforeAll(() => void (process.env.PIER_REGISTRY_HASH_THREAD = setting));
  afterAll(() => void delete process.env.PIER_REGISTRY_HASH_THREAD);
  beforeEach(async () => ({ dir, cleanup } = await tempDir('hash-thread')));
  afterEach(() => cleanup());

  const big = [noise((9 << 20) + 12_345, 1), noise(4 << 20, 2)];
  const archive = tar([
    { name: 'small-a', body: 'a' },
    { name: 'big-0', body: big[0] },
    { name: 'small-b', body: noise((4 << 20) - 1, 3) },
    { name: 'big-1', body: big[1] },
  ]);
  const expectDigests = (entries: Map<string, { digest: string }>) => {
    expect(entries.get('small-a')!.digest).toBe(sha256('a'));
    expect(entries.get('small-b')!.digest).toBe(sha256(noise((4 << 20) - 1, 3)));
    for (const [i, b] of big.entries()) expect(entries.get(`big-${i}`)!.digest).toBe(sha256(b));
  };

  it('from a stream in odd pieces (large ones written as they are, small ones gathered) and from a file', async () => {
    const a = path.join(dir, 'a');
    await mkdir(a);
    expectDigests((await stageArchive({ stream: pieces(archive, [1, 65_536, 511, 4 << 20, 7000]), maxBytes: archive.length }, a)).entries);
    const file = path.join(dir, 'in.tar');
    await writeFile(file, archive);
    const b = path.join(dir, 'b');
    await mkdir(b);
    expectDigests((await stageArchive(file, b, undefined, { durable: true })).entries);
  });

  it('two imports at once keep their hashes apart', async () => {
    const other = tar([{ name: 'big-0', body: big[1] }, { name: 'big-1', body: big[0] }]);
    const [x, y] = await Promise.all(['x', 'y'].map(async (name, i) => {
      const d = path.join(dir, name);
      await mkdir(d);
      const body = i === 0 ? archive : other;
      return stageArchive({ stream: pieces(body, [65_536, 1000]), maxBytes: body.length }, d);
    }));
    expectDigests(x.entries);
    expect(y.entries.get('big-0')!.digest).toBe(sha256(big[1]));
    expect(y.entries.get('big-1')!.digest).toBe(sha256(big[0]));
  });
});
