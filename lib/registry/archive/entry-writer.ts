/**
 * The stager's writer of one entry at a time (stage.ts): large writes
 * whatever size the source's pieces are, hashed on the way, and flushed as
 * they go when the import is durable.
 */
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { FsIo } from '../fs-io';
import { pinChunk, unpinChunk } from '@/lib/http/borrowed-chunks';
import { hashThreadEnabled, ThreadHash } from './hash-thread';

/** The writer's write size, and the read size of a file source. */
export const CHUNK = 4 << 20;
/** Writes of one entry outstanding at once (the file source's ring of chunksOf keeps each chunk valid for two more). */
const WRITES_IN_FLIGHT = 2;
/**
 * Durable: within the last 2 × syncEvery bytes of an entry (its tail), a flush starts once this many
 * bytes are unflushed, and up to TAIL_FLUSHES may run at once, so the entry's final flush, which the
 * answer waits for, finds little left. Before the tail, one flush runs at a time.
 */
const TAIL_SYNC_STEP = 4 << 20;
const TAIL_FLUSHES = 2;
/** A piece the source will not reuse (an upload's chunk) is written as it is from this size on, not copied first. */
const OWNED_DIRECT = 256 << 10;

/**
 * Writes the current file entry in large writes whatever size the source's
 * pieces are: small pieces are gathered into a ring of reused CHUNK buffers;
 * a whole CHUNK from the file source, a large piece the source hands over
 * for good (an upload's given chunks), or a large piece of a chunk the source
 * lends (an upload's chunks by default, see coalesced-body.ts; the chunk is
 * pinned until the write has ended, ../../http/borrowed-chunks.ts) goes out as is. At
 * most WRITES_IN_FLIGHT writes are outstanding and a ring buffer is not
 * touched again until its write has ended. Entries of CHUNK or more are
 * hashed on the hash thread, which reads each range back once it is written
 * (hash-thread.ts) with PIER_REGISTRY_HASH_THREAD=1; smaller ones, and all by default,
 * here before the write.
 *
 * With `durable`, entries are flushed as they are written: an fdatasync
 * every `syncEvery` bytes (one at a time, on the libuv pool, never waited for
 * by the parsing), and every TAIL_SYNC_STEP, up to TAIL_FLUSHES at once, in
 * the entry's last 2 × syncEvery bytes, keeps the disk writing while the
 * rest of the archive arrives, so the final flush of each entry is short. The final flush of a
 * large entry (CHUNK or more) starts once its last write has ended, beside the flushes still
 * running, and runs in the background while the next entry is parsed; `finish()` waits for all
 * of them and throws if any flush failed, the ones on the way included: Linux reports a
 * write-back error to one fdatasync of an open file, not to each, so a failure
 * in the background may leave the final flush clean. `synced` lists the files
 * flushed; small entries are left to the caller.
 */
export class EntryWriter {
  private readonly threaded = hashThreadEnabled();
  private readonly bufs = Array.from({ length: WRITES_IN_FLIGHT + 1 }, () => Buffer.allocUnsafeSlow(CHUNK));
  private cur = 0;
  private fill = 0;
  private fh: FileHandle | null = null;
  private hash: Hash | null = null;
  private threadHash: ThreadHash | null = null;
  /** The last range handed to the hash thread (ranges go in file order, each after its write). */
  private posted: Promise<unknown> = Promise.resolve();
  private pos = 0;
  private size = 0;
  private syncedAt = 0;
  /** The current entry's flushes still running. */
  private flushing: Array<Promise<void>> = [];
  private readonly writes: Array<Promise<unknown>> = [];
  private readonly finals: Array<Promise<void>> = [];
  private failure: unknown = null;
  readonly synced = new Set<string>();

  constructor(private readonly io: FsIo, private readonly durable: boolean, private readonly syncEvery: number) {}

  /** Entries of CHUNK or more are hashed on the hash thread (hash-thread.ts) with PIER_REGISTRY_HASH_THREAD=1. */
  async begin(file: string, size: number): Promise<void> {
    this.fh = await this.io.open(file, 'wx');
    const threaded = this.threaded && size >= CHUNK;
    this.threadHash = threaded ? new ThreadHash(file) : null;
    this.hash = threaded ? null : createHash('sha256');
    this.posted = Promise.resolve();
    this.fill = 0;
    this.pos = 0;
    this.size = size;
    this.syncedAt = 0;
    this.flushing = [];
  }

  /**
   * `owned`: the source never reuses the piece's memory (an upload's given chunks), so a large one is
   * written as it is. `lent`: the source reuses it, but not while pinned: a large one is written as it
   * is, its chunk pinned meanwhile. A file's chunks come from a reused ring, valid long enough for a whole CHUNK.
   */
  async push(part: Buffer, owned = false, lent = false): Promise<void> {
    // A large piece is written as it is; a lent chunk's stays pinned until the write has ended.
    if (this.fill === 0 && (part.length >= CHUNK || ((owned || lent) && part.length >= OWNED_DIRECT))) return this.emit(part, lent);
    while (part.length > 0) {
      const n = Math.min(CHUNK - this.fill, part.length);
      part.copy(this.bufs[this.cur], this.fill, 0, n);
      this.fill += n;
      part = part.subarray(n);
      if (this.fill === CHUNK) await this.flush();
    }
  }

  /** Ends the entry: its last bytes written, its digest set; the file's flush (durable) and close follow in the background. */
  async end(file: string): Promise<string> {
    if (this.fill > 0) await this.flush();
    await this.settle(0);
    const digest = this.threadHash ? await this.threadHash.digest() : `sha256:${this.hash!.digest('hex')}`;
    this.threadHash = null;
    const fh = this.fh!;
    const flushing = this.flushing;
    this.fh = null;
    this.flushing = [];
    // Small entries (configs, manifests) are flushed by the caller, only those it keeps, all at once.
    const sync = this.durable && this.pos >= CHUNK;
    const final = (async () => {
      try {
        if (sync) {
          // Issued after the last write has ended, it covers every byte: the flushes still running need not end first.
          await Promise.all([fh.datasync(), ...flushing]);
          this.synced.add(file);
        }
      } finally {
        await Promise.allSettled(flushing);
        await fh.close();
      }
    })();
    this.finals.push(final.catch((e) => {
      this.failure ??= e;
    }));
    return digest;
  }

  /** Waits for every entry's flush and close; throws the first failure. */
  async finish(): Promise<void> {
    await Promise.all(this.finals);
    if (this.failure) throw this.failure;
  }

  /** After a failure: waits for the writes and flushes in flight and closes the files. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.writes.splice(0));
    await Promise.allSettled(this.flushing);
    this.flushing = [];
    this.threadHash?.drop();
    this.threadHash = null;
    await this.fh?.close().catch(() => {});
    this.fh = null;
    await Promise.all(this.finals);
  }

  private async flush(): Promise<void> {
    await this.emit(this.bufs[this.cur].subarray(0, this.fill));
    this.cur = (this.cur + 1) % this.bufs.length;
    this.fill = 0;
  }

  private async emit(b: Buffer, pinned = false): Promise<void> {
    if (this.hash) this.hash.update(b);
    // A ring of WRITES_IN_FLIGHT + 1 buffers: once fewer writes than that are out, the next buffer is free.
    await this.settle(WRITES_IN_FLIGHT - 1);
    const fh = this.fh!;
    const at = this.pos;
    this.pos += b.length;
    if (pinned) pinChunk(b.buffer);
    const w = fh.write(b, 0, b.length, at);
    w.catch(() => {});
    let done: Promise<unknown> = w;
    const th = this.threadHash;
    // The thread reads the range back from the file once it is written, after the ranges before it.
    if (th) done = this.posted = Promise.all([this.posted, w]).then(() => th.range(at, b.length));
    if (pinned) done = done.finally(() => unpinChunk(b.buffer));
    done.catch(() => {});
    this.writes.push(done);
    const tail = this.size - this.pos <= 2 * this.syncEvery;
    const step = tail ? Math.min(TAIL_SYNC_STEP, this.syncEvery) : this.syncEvery;
    const flushing = this.flushing;
    if (this.durable && this.pos - this.syncedAt >= step && flushing.length < (tail ? TAIL_FLUSHES : 1)) {
      this.syncedAt = this.pos;
      // After the write just issued, so the flush covers it.
      const s: Promise<void> = w.then(() => fh.datasync()).finally(() => {
        const i = flushing.indexOf(s);
        if (i >= 0) flushing.splice(i, 1);
      });
      // A failed flush fails the import (finish()), even once it is out of `flushing`.
      s.catch((e) => {
        this.failure ??= e;
      });
      flushing.push(s);
    }
  }

  /** Waits until at most `max` writes are outstanding (oldest first). */
  private async settle(max: number): Promise<void> {
    while (this.writes.length > max) await this.writes.shift();
  }
}
