/**
 * Reads a tar archive (plain or gzip'd) as a stream and writes every regular
 * file entry to a staging directory, hashing it on the way. Nothing of the
 * archive is held in memory beyond a few fixed buffers, and nothing it
 * contains is ever written under its own name: entries land as `e<n>` files,
 * so a hostile name cannot reach outside the staging directory. Anything that
 * is not a plain file or directory (symlinks, hardlinks, devices) is refused.
 *
 * The source is a file or, for uploads, the request body itself: the archive
 * is parsed as it arrives, so each byte is written to disk once, straight
 * into the file its blob will be (a rename away from the layout).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Invalid, PayloadTooLarge } from '@/lib/errors';
import { TAR_BLOCK, TAR_LINK_TYPES, tarHeader } from '@/lib/archive/tar-header';
import { nodeFsIo, type FsIo } from '../fs-io';
import { CHUNK, EntryWriter } from './entry-writer';
import { lendsChunks } from '@/lib/http/borrowed-chunks';
import { ClaimedContentMissing, contentUntil } from '../form-data';
import type { ArchiveSource } from '../types';

export interface StagedEntry {
  /** The entry's path inside the archive, normalized (no `./`, no trailing `/`). */
  name: string;
  /** Where its bytes are on disk. */
  file: string;
  /** `sha256:<hex>` of the bytes. */
  digest: string;
  size: number;
}

export interface StagedArchive {
  dir: string;
  entries: Map<string, StagedEntry>;
  /** Bytes of the archive file as given (compressed when it was). */
  archiveBytes: number;
  /** Entry files already flushed to the disk (durable staging). */
  synced: Set<string>;
}

export interface StageOptions {
  /** Flush every entry to the disk as it is written (see EntryWriter). */
  durable?: boolean;
  /** How often a large entry is flushed while written (durable); PIER_REGISTRY_SYNC_EVERY_MB, default 32 MiB. */
  syncEveryBytes?: number;
  io?: FsIo;
}


const BLOCK = TAR_BLOCK;
/** Durable staging: an entry being written is flushed each time this many more bytes are written. */
const SYNC_EVERY = Number(process.env.PIER_REGISTRY_SYNC_EVERY_MB || 32) << 20;
const MAX_META_BYTES = 1 << 20;
const MAX_ENTRIES = 100_000;

function refuse(reason: string): never {
  throw new Invalid({ file: reason });
}

/** Resolves an entry name as the archive means it, refusing anything that escapes the archive root. */
export function normalizeEntryName(raw: string): string {
  if (raw.includes('\0')) refuse('an entry name contains a NUL byte');
  if (raw.startsWith('/')) refuse(`entry "${raw}" has an absolute path`);
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) refuse(`entry "${raw}" climbs out of the archive (..)`);
  return parts.join('/');
}

const tarFields = tarHeader(refuse);

interface Current {
  kind: 'file' | 'meta' | 'skip';
  remaining: number;
  padding: number;
  entry?: StagedEntry;
  meta?: Buffer[];
  metaType?: string;
}

/**
 * Stages `archive` (a file, or a stream read once) into `dir` (which must
 * exist and be empty). On error the caller removes `dir`; file handles are
 * closed here either way. A stream beyond its `maxBytes` is refused with
 * PayloadTooLarge. `onProgress` gets the archive's bytes read so far and its
 * size (0 for a stream until its end).
 */
export async function stageArchive(
  archive: ArchiveSource,
  dir: string,
  onProgress?: (doneBytes: number, totalBytes: number) => void,
  opts: StageOptions = {},
): Promise<StagedArchive> {
  let archiveBytes = typeof archive === 'string' ? (await stat(archive)).size : 0;
  const entries = new Map<string, StagedEntry>();
  let rawDone = 0;
  let lastReport = 0;
  const counted = (bytes: number) => {
    rawDone += bytes;
    if (typeof archive !== 'string' && rawDone > archive.maxBytes) throw new PayloadTooLarge(`the upload is larger than ${archive.maxBytes} bytes`);
    if (onProgress && (rawDone - lastReport >= 8 << 20 || rawDone === archiveBytes)) {
      lastReport = rawDone;
      onProgress(rawDone, archiveBytes);
    }
  };

  let raw: Readable | null = null;
  let gzipped: boolean;
  let plain: AsyncGenerator<Buffer> | null = null;
  let source: AsyncIterable<Buffer>;
  if (typeof archive === 'string') {
    const magic = await readMagic(archive);
    gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
    if (gzipped) raw = createReadStream(archive, { highWaterMark: CHUNK });
    else plain = chunksOf(archive);
  } else {
    const it = archive.stream[Symbol.asyncIterator]();
    // Enough bytes to tell gzip from tar, however small the first pieces are.
    const firsts: Buffer[] = [];
    let headBytes = 0;
    while (headBytes < 2) {
      const r = await it.next();
      if (r.done) break;
      firsts.push(asBuffer(r.value));
      headBytes += r.value.byteLength;
    }
    const head = firsts.length === 1 ? firsts[0] : Buffer.concat(firsts);
    gzipped = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    const rest = prepend(head, it);
    // gunzip holds its input while it works and the stream reads ahead: lent chunks are copied for it.
    if (gzipped) raw = Readable.from(lendsChunks(archive.stream) ? copies(rest) : rest, { objectMode: false });
    else plain = rest;
  }
  if (raw) {
    const counter = new Transform({
      transform(c: Buffer, _enc, cb) {
        try {
          counted(c.length);
        } catch (e) {
          return cb(e as Error);
        }
        cb(null, c);
      },
    });
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    counter.on('error', (e) => gunzip.destroy(e));
    source = raw.pipe(counter).pipe(gunzip);
  } else {
    source = plain!;
  }
  // A file is read through a reused ring (chunksOf): its pieces are copied into the writer's ring. Other streams'
  // chunks (and gunzip's) are fresh each time: large ones are written as they are.
  const ownedChunks = plain === null || (typeof archive !== 'string' && !lendsChunks(archive.stream));
  // An upload's lent chunks, read as they come (not through gunzip): large pieces are written from them, pinned (entry-writer.ts).
  const lentChunks = plain !== null && typeof archive !== 'string' && lendsChunks(archive.stream);
  // A plain tar read from a stream: its offsets are the stream's, so the stream may be told where entries end.
  const hintable = plain !== null && typeof archive !== 'string' ? archive.stream : null;
  const writer = new EntryWriter(opts.io ?? nodeFsIo, opts.durable ?? false, opts.syncEveryBytes ?? SYNC_EVERY);

  const header = Buffer.alloc(BLOCK);
  let headerFill = 0;
  let cur: Current | null = null;
  let pax: Record<string, string> = {};
  let longName: string | null = null;
  let zeroBlocks = 0;
  let ended = false;
  let n = 0;

  const startEntry = async (h: Buffer): Promise<void> => {
    const type = tarFields.type(h);
    let size = tarFields.size(h);
    if (pax.size !== undefined) size = Number(pax.size);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > MAX_META_BYTES) refuse('not a tar archive (oversized extended header)');
      cur = { kind: 'meta', remaining: size, padding, meta: [], metaType: type };
      return;
    }
    const rawName = pax.path ?? longName ?? tarFields.name(h);
    pax = {};
    longName = null;
    const name = normalizeEntryName(rawName);
    if (TAR_LINK_TYPES[type]) refuse(`entry "${rawName}" is ${TAR_LINK_TYPES[type]}; archives with links or devices are not accepted`);
    if (type === '5') {
      cur = { kind: 'skip', remaining: size, padding };
      return;
    }
    if (type !== '0' && type !== '7') refuse(`entry "${rawName}" has an unsupported type "${type}"`);
    if (name === '') refuse('an entry has an empty name');
    if (entries.has(name)) refuse(`entry "${name}" appears twice`);
    if (entries.size >= MAX_ENTRIES) refuse(`more than ${MAX_ENTRIES} entries`);
    const file = path.join(/* turbopackIgnore: true */ dir, `e${n++}`);
    const entry: StagedEntry = { name, file, digest: '', size };
    entries.set(name, entry);
    await writer.begin(file, size);
    cur = { kind: 'file', remaining: size, padding, entry };
    if (size === 0) await finishEntry();
  };

  const finishEntry = async (): Promise<void> => {
    const c = cur!;
    if (c.kind === 'file') {
      c.entry!.digest = await writer.end(c.entry!.file);
    } else if (c.kind === 'meta') {
      const body = Buffer.concat(c.meta!);
      if (c.metaType === 'x') pax = tarFields.pax(body);
      else if (c.metaType === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
    }
    if (c.padding === 0) cur = null;
    else c.remaining = -1;
  };

  try {
    for await (const chunk of source) {
      if (!gzipped) counted(chunk.length);
      if (chunk.length === 0) continue;
      let off = 0;
      while (off < chunk.length && !ended) {
        if (cur) {
          const c: Current = cur;
          if (c.remaining > 0) {
            const take = Math.min(c.remaining, chunk.length - off);
            const part = chunk.subarray(off, off + take);
            if (c.kind === 'file') {
              await writer.push(part, ownedChunks, lentChunks);
            } else if (c.kind === 'meta') {
              c.meta!.push(Buffer.from(part));
            }
            c.remaining -= take;
            off += take;
            if (c.remaining === 0) await finishEntry();
          } else {
            // remaining === -1: skipping the padding to the next block.
            const take = Math.min(c.padding, chunk.length - off);
            c.padding -= take;
            off += take;
            if (c.padding === 0) cur = null;
          }
          continue;
        }
        const take = Math.min(BLOCK - headerFill, chunk.length - off);
        chunk.copy(header, headerFill, off, off + take);
        headerFill += take;
        off += take;
        if (headerFill < BLOCK) continue;
        headerFill = 0;
        if (header.every((b) => b === 0)) {
          if (++zeroBlocks === 2) ended = true;
          continue;
        }
        zeroBlocks = 0;
        if (!tarFields.checksumOk(header)) refuse('not a tar archive (bad header checksum)');
        await startEntry(header);
        const started = cur as Current | null;
        // An upload's form part need not search the entry's bytes for its delimiter (form-data.ts).
        if (hintable && started && started.remaining > 0) contentUntil(hintable, rawDone - chunk.length + off + started.remaining);
      }
      // A stream is read to its end (the request must complete; browsers may pad past the end blocks), a file need not be.
      if (ended && typeof archive === 'string') break;
    }
    if (cur || headerFill !== 0) refuse('the archive is truncated');
    if (typeof archive !== 'string') {
      archiveBytes = rawDone;
      onProgress?.(rawDone, archiveBytes);
    }
    if (entries.size === 0) refuse('the archive holds no files');
    await writer.finish();
  } catch (e) {
    // The form's part ended before an entry this reader had read the size of.
    if (e instanceof ClaimedContentMissing) refuse('the archive is truncated');
    if (e instanceof Invalid || e instanceof PayloadTooLarge) throw e;
    if (e instanceof Error && /incorrect header check|unexpected end of file|invalid/i.test(e.message)) refuse(`the archive's gzip stream is broken: ${e.message}`);
    throw e;
  } finally {
    raw?.destroy();
    if (plain) await plain.return(undefined);
    await writer.abort();
  }
  return { dir, entries, archiveBytes, synced: writer.synced };
}

/**
 * Reads a file in fixed chunks through a ring of reused buffers, one read
 * ahead: no fresh allocation (and page faults) per chunk. A chunk stays
 * valid while the next two are read, which covers the one write the
 * stager keeps in flight.
 */
async function* chunksOf(file: string): AsyncGenerator<Buffer> {
  const fh = await open(file, 'r');
  const ring = Array.from({ length: 4 }, () => Buffer.allocUnsafeSlow(CHUNK));
  let i = 0;
  let next = fh.read(ring[0], 0, CHUNK, null);
  try {
    for (;;) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      i = (i + 1) % ring.length;
      next = fh.read(ring[i], 0, CHUNK, null);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await next.catch(() => {});
    await fh.close();
  }
}

const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

/** Each chunk copied: for a reader that keeps them longer than a lent chunk lives (../../http/borrowed-chunks.ts). */
async function* copies(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const c of chunks) yield Buffer.from(c);
}

/** The first bytes (already read to sniff gzip) back in front of the rest, as Buffers. */
async function* prepend(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer> {
  try {
    if (head.length) yield head;
    for (;;) {
      const r = await rest.next();
      if (r.done) return;
      yield asBuffer(r.value);
    }
  } finally {
    await rest.return?.();
  }
}

async function readMagic(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    await fh.read(b, 0, 2, 0);
    return b;
  } finally {
    await fh.close();
  }
}
