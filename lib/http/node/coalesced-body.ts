import type { Readable } from 'node:stream';
import { BORROW_SPAN, BORROWED_CHUNKS, chunkPinned, type BorrowedTag } from '../borrowed-chunks';
import { takeParserPushes, type ParserPushes } from './parser-pushes';

/**
 * A Node readable (an upload's request) as an async iterable of large
 * chunks. Node hands a socket's bytes over in pieces of at most 64 KiB; an
 * upload of 500 MB is then 8,000 pieces, and every layer above (multipart,
 * tar, the entry writer) awaited each one: several promises per piece, each
 * paying for the async-context hooks Next.js keeps on. Here the pieces are
 * copied, in the `data` handler and without a promise, into chunks of
 * `chunkBytes`, so the layers above see a few hundred chunks.
 *
 * Backpressure: once `maxQueued` full chunks wait for the reader, the source
 * is paused, and resumed when the reader takes one. The chunk being filled
 * is a fresh buffer each time (a chunk handed out is the reader's, to keep
 * as long as it likes), unless `reuse`: then a chunk is lent, valid until
 * BORROW_SPAN more have been handed out, after which its memory is filled
 * again (../borrowed-chunks.ts), and not before its pins are off; the
 * iterable is marked so. Nothing is read before the first `next()`, and
 * leaving the iteration does not destroy the source: a caller that refuses
 * an upload part-way reads the rest with `next()`.
 *
 * With `fromParser`, a Node request's pieces are taken where its HTTP parser
 * hands them to the stream (parser-pushes.ts), without the stream's own
 * buffering, events and ticks; any other source is read as a stream.
 */
export function coalescedBody(src: Readable, chunkBytes = 1 << 20, maxQueued = 2, o: { reuse?: boolean; fromParser?: boolean } = {}): AsyncIterable<Buffer> {
  const queue: Buffer[] = [];
  /** With `reuse`: whole chunks handed out, newest last; chunks past their span still pinned; chunks free to fill again. */
  const lent: Buffer[] = [];
  const held: Buffer[] = [];
  const free: Buffer[] = [];
  const mine = new WeakSet<Buffer>();
  const allocate = () => {
    const b = Buffer.allocUnsafeSlow(chunkBytes);
    if (o.reuse) mine.add(b);
    return b;
  };
  /** A chunk to fill: one whose pins have come off (back into the ring), a free one, or a new one. */
  const nextFree = (): Buffer => {
    const i = held.findIndex((b) => !chunkPinned(b.buffer));
    if (i >= 0) return held.splice(i, 1)[0];
    return free.pop() ?? allocate();
  };
  let cur: Buffer | null = null;
  let fill = 0;
  let pushes: ParserPushes | null = null;
  const pause = () => (pushes ? pushes.pause() : src.pause());
  const resume = () => (pushes ? pushes.resume() : src.resume());
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const enqueue = (b: Buffer) => {
    queue.push(b);
    if (queue.length >= maxQueued) pause();
    signal();
  };
  const onData = (piece: Buffer) => {
    let off = 0;
    // A piece as large as a chunk, arriving between chunks, is passed on as it is.
    if (fill === 0 && piece.length >= chunkBytes) return enqueue(piece);
    while (off < piece.length) {
      cur ??= nextFree();
      const n = piece.copy(cur, fill, off, Math.min(piece.length, off + chunkBytes - fill));
      fill += n;
      off += n;
      if (fill === chunkBytes) {
        const full = cur;
        cur = null;
        fill = 0;
        enqueue(full);
      }
    }
  };
  const onEnd = () => {
    if (cur && fill > 0) queue.push(cur.subarray(0, fill));
    cur = null;
    ended = true;
    signal();
  };
  const onError = (e: Error) => {
    failure ??= e;
    signal();
  };
  // A request whose client went away before its end: the reader gets an error, not a short body.
  const onClose = () => {
    if (!ended) onError(new Error('the request ended before its body was complete'));
  };
  let started = false;

  const next = async (): Promise<IteratorResult<Buffer>> => {
    // Listening starts with the first read: a body nobody reads stays in the source (its owner may drop it).
    if (!started) {
      started = true;
      if (src.readableEnded) ended = true;
      else {
        src.on('error', onError);
        src.on('close', onClose);
        pushes = o.fromParser ? takeParserPushes(src, onData, onEnd) : null;
        if (!pushes) {
          src.on('data', onData);
          src.on('end', onEnd);
        }
      }
    }
    for (;;) {
      const b = queue.shift();
      if (b) {
        if (mine.has(b)) {
          lent.push(b);
          if (lent.length > BORROW_SPAN) {
            const old = lent.shift()!;
            (chunkPinned(old.buffer) ? held : free).push(old);
          }
        }
        if (queue.length < maxQueued && !ended) resume();
        return { value: b, done: false };
      }
      if (failure) throw failure;
      if (ended) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const iterable: AsyncIterable<Buffer> & BorrowedTag = {
    [Symbol.asyncIterator]: () => ({
      next,
      // Leaving early keeps the source as it is (see above).
      return: async () => ({ value: undefined, done: true }),
    }),
  };
  if (o.reuse) iterable[BORROWED_CHUNKS] = true;
  return iterable;
}
