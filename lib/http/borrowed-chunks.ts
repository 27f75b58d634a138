/**
 * Marks a stream of byte chunks whose memory is reused: a chunk it hands out
 * stays valid only until BORROW_SPAN more have been read, so a reader that
 * keeps bytes longer copies them or pins the chunk (below). An upload's body is such a stream
 * (node/coalesced-body.ts with `reuse`): reusing a few chunks instead of
 * allocating one per MiB keeps V8 from starting a full garbage collection of
 * the server's heap for every ~64 MB of body (docs/registry.md).
 */
export const BORROWED_CHUNKS: unique symbol = Symbol('pier.borrowedChunks');

/** How many chunks after it a borrowed chunk is still valid for. */
export const BORROW_SPAN = 3;

export type BorrowedTag = { [BORROWED_CHUNKS]?: true };

/** Whether `stream` lends its chunks (see BORROWED_CHUNKS). */
export function lendsChunks(stream: object): boolean {
  return (stream as BorrowedTag)[BORROWED_CHUNKS] === true;
}

/** `iterable`, marked as lending its chunks when `from` does. */
export function lendLike<T extends object>(iterable: T, from: object): T {
  if (lendsChunks(from)) (iterable as BorrowedTag)[BORROWED_CHUNKS] = true;
  return iterable;
}

/**
 * A reader that needs a lent chunk's memory past BORROW_SPAN (a write still
 * reading from it, see registry/archive/entry-writer.ts) pins the
 * chunk's buffer; the lender does not fill a pinned buffer again until every
 * pin is taken off. Pins count, so several pieces of one chunk may be out.
 */
const pins = new WeakMap<ArrayBufferLike, number>();

export function pinChunk(buf: ArrayBufferLike): void {
  pins.set(buf, (pins.get(buf) ?? 0) + 1);
}

export function unpinChunk(buf: ArrayBufferLike): void {
  const n = (pins.get(buf) ?? 0) - 1;
  if (n > 0) pins.set(buf, n);
  else pins.delete(buf);
}

export function chunkPinned(buf: ArrayBufferLike): boolean {
  return pins.has(buf);
}
