import v8 from 'node:v8';

/** Pier's default for V8's `--heap-growing-percent` (V8 otherwise computes its own; ~30 MB of room, ~22 %, was seen on Pier's ~135 MB heap). */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

/**
 * `PIER_HEAP_GROWING_PERCENT` read: unset or empty means Pier's default, `0`
 * means V8's own factor, otherwise a whole percent from 1 to 1000. Anything
 * else stops the start with a message naming the variable.
 */
export function heapGrowingPercent(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_HEAP_GROWING_PERCENT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new Error(`PIER_HEAP_GROWING_PERCENT must be a whole number from 0 (V8's own) to 1000, not ${JSON.stringify(raw)}`);
  }
  return n;
}

/**
 * How far the server's V8 heap may grow past what the last full collection
 * kept before the next full collection starts: V8's own factor, raised.
 *
 * Why: Pier's main heap holds ~135 MB that stay (Next.js, the app). V8
 * gives it ~30 MB of room, and begins a full marking whenever that room is
 * no larger than the young generation (up to 32 MB while much is being
 * allocated). During an upload (~1 GB of short-lived buffers for 500 MB)
 * that held back to back: 4–8 markings of the whole heap per upload, ~1 s
 * of CPU on V8's helper threads, on a 2-core machine the hashing's and
 * the client's share (docs/performance.md, "Upload (ninth session)"). With
 * 50 % the room is ~65 MB, at the cost of that much more heap at most.
 */
export function widenHeapGrowth(raw = process.env.PIER_HEAP_GROWING_PERCENT): number {
  const percent = heapGrowingPercent(raw);
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
