import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BORROW_SPAN, lendsChunks, pinChunk, unpinChunk } from '../borrowed-chunks';
import { coalescedBody } from './coalesced-body';

const KB = 1024;

/** Writes `body` into a fresh stream in pieces of the given sizes (cycled), then ends it. */
function source(body: Buffer, sizes: number[]): PassThrough {
  const s = new PassThrough({ highWaterMark: 16 * KB });
  void (async () => {
    for (let off = 0, i = 0; off < body.length; i++) {
      const piece = body.subarray(off, off + sizes[i % sizes.length]);
      off += piece.length;
      if (!s.write(Buffer.from(piece))) await new Promise((r) => s.once('drain', r));
    }
    s.end();
  })();
  return s;
}

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of it) out.push(c);
  return out;
}

describe('coalescedBody', () => {
  it('hands over the same bytes in chunks of the given size, the last one shorter', async () => {
    const body = randomBytes(300 * KB + 123);
    const chunks = await collect(coalescedBody(source(body, [1, 64 * KB, 511, 7000]), 100 * KB));
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    expect(chunks.map((c) => c.length)).toEqual([100 * KB, 100 * KB, 100 * KB, 123]);
  });

  it('passes a piece as large as a chunk on as it is when it arrives between chunks', async () => {
    const big = Buffer.alloc(64 * KB, 7);
    const s = new PassThrough();
    s.end(big);
    const [only] = await collect(coalescedBody(s, 32 * KB));
    expect(only.buffer).toBe(big.buffer);
  });

  it('pauses the source while chunks wait for the reader, and resumes it when one is taken', async () => {
    const s = new PassThrough({ highWaterMark: 1 });
    const it = coalescedBody(s, 10, 2)[Symbol.asyncIterator]();
    s.write(Buffer.alloc(10, 1));
    const first = await it.next();
    expect(first.value).toEqual(Buffer.alloc(10, 1));
    s.write(Buffer.alloc(10, 2));
    s.write(Buffer.alloc(10, 3));
    await new Promise((r) => setImmediate(r));
    expect(s.isPaused()).toBe(true);
    expect((await it.next()).value).toEqual(Buffer.alloc(10, 2));
    expect(s.isPaused()).toBe(false);
    s.end();
    expect((await it.next()).value).toEqual(Buffer.alloc(10, 3));
    expect((await it.next()).done).toBe(true);
  });

  it('reads nothing before the first next(): a body nobody reads is left to its owner', async () => {
    const s = new PassThrough();
    coalescedBody(s, 10);
    s.end(Buffer.alloc(5));
    await new Promise((r) => setImmediate(r));
    expect(s.listenerCount('data')).toBe(0);
    expect(s.readableLength).toBe(5);
  });

  it('keeps reading after the loop that used it stopped early, so the rest can be drained', async () => {
    const body = randomBytes(50 * KB);
    const body2 = coalescedBody(source(body, [4 * KB]), 10 * KB);
    const seen: Buffer[] = [];
    for await (const c of body2) {
      seen.push(c);
      break;
    }
    const it = body2[Symbol.asyncIterator]();
    for (let r = await it.next(); !r.done; r = await it.next()) seen.push(r.value);
    expect(Buffer.concat(seen).equals(body)).toBe(true);
  });

  it('fails the reader when the source fails or closes before its end, never a short body', async () => {
    const broken = new PassThrough();
    const it = coalescedBody(broken, 10)[Symbol.asyncIterator]();
    const pending = it.next();
    broken.write(Buffer.alloc(3));
    broken.destroy(new Error('socket hang up'));
    await expect(pending).rejects.toThrow('socket hang up');

    const cut = new PassThrough();
    const it2 = coalescedBody(cut, 10)[Symbol.asyncIterator]();
    const pending2 = it2.next();
    cut.write(Buffer.alloc(3));
    cut.destroy();
    await expect(pending2).rejects.toThrow('before its body was complete');
  });

  it('with reuse, lends chunks: each stays intact for BORROW_SPAN more, and a few buffers serve the whole body', async () => {
    const body = randomBytes(2000 * KB + 5);
    const it = coalescedBody(source(body, [64 * KB, 7 * KB]), 100 * KB, 2, { reuse: true });
    expect(lendsChunks(it)).toBe(true);
    expect(lendsChunks(coalescedBody(source(body, [64 * KB]), 100 * KB))).toBe(false);
    const got: Array<{ chunk: Buffer; at: number }> = [];
    const buffers = new Set<ArrayBufferLike>();
    let at = 0;
    for await (const chunk of it) {
      got.push({ chunk, at });
      buffers.add(chunk.buffer);
      at += chunk.length;
      // This chunk and the BORROW_SPAN before it still hold their bytes.
      for (const g of got.slice(-1 - BORROW_SPAN)) expect(g.chunk.equals(body.subarray(g.at, g.at + g.chunk.length))).toBe(true);
    }
    expect(at).toBe(body.length);
    expect(got.length).toBe(21);
    // Lent + queued + the one filling, not one per chunk.
    expect(buffers.size).toBeLessThanOrEqual(BORROW_SPAN + 4);
  });

  it('with reuse, a pinned chunk keeps its bytes past BORROW_SPAN until its last pin is off, then serves again', async () => {
    const body = randomBytes(3000 * KB);
    const it = coalescedBody(source(body, [64 * KB]), 100 * KB, 2, { reuse: true });
    const got: Array<{ chunk: Buffer; at: number }> = [];
    let at = 0;
    let pinned: { chunk: Buffer; at: number } | null = null;
    let reusedAfterUnpin = false;
    for await (const chunk of it) {
      got.push({ chunk, at });
      at += chunk.length;
      if (got.length === 2) {
        pinned = got[1];
        // Two pieces of the chunk out at once: both pins must come off.
        pinChunk(chunk.buffer);
        pinChunk(chunk.buffer);
      }
      if (pinned && got.length <= 20) expect(pinned.chunk.equals(body.subarray(pinned.at, pinned.at + pinned.chunk.length))).toBe(true);
      if (got.length === 12) unpinChunk(pinned!.chunk.buffer);
      if (got.length === 20) unpinChunk(pinned!.chunk.buffer);
      if (got.length > 20 && chunk.buffer === pinned!.chunk.buffer) reusedAfterUnpin = true;
    }
    expect(at).toBe(body.length);
    // Held while pinned, then back in the ring: not a buffer per chunk.
    expect(reusedAfterUnpin).toBe(true);
  });
});
