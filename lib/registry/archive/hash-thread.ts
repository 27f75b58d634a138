/**
 * SHA-256 of large archive entries on one worker thread, reading the very
 * memory the stager writes from: the stager's buffers are views of
 * SharedArrayBuffers, so a chunk is neither copied nor read back from the
 * page cache. The main thread then only receives, parses and writes, while
 * the second core hashes. One SHA-256 stream cannot be split, so one
 * worker: entries are hashed one after the other, in order.
 *
 * The worker's code is a string (eval), so it needs no file of its own in
 * Next.js's build, vitest or tsx. It is unref'd while idle: a CLI or a
 * bench child exits by itself.
 */
import { Worker } from 'node:worker_threads';

const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  let hash = hashes.get(m.session);
  if (!hash) hashes.set(m.session, (hash = createHash('sha256')));
  if (m.op === 'update') {
    hash.update(new Uint8Array(m.sab, m.offset, m.length));
    parentPort.postMessage({ id: m.id });
  } else {
    hashes.delete(m.session);
    parentPort.postMessage({ id: m.id, digest: m.op === 'digest' ? hash.digest('hex') : undefined });
  }
});`;

/**
 * Whether large entries are hashed on the worker: only with
 * PIER_REGISTRY_HASH_THREAD=1. Off by default: on this 2-core machine it was
 * not measured faster, and it costs more CPU (docs/performance.md, seventh
 * session).
 */
export const hashThreadEnabled = () => process.env.PIER_REGISTRY_HASH_THREAD === '1';

/** A Buffer over shared memory, which the hash thread can read in place. */
export function sharedBuffer(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}

export const isShared = (b: Buffer) => b.buffer instanceof SharedArrayBuffer;

let worker: Worker | null = null;
let nextId = 0;
let nextSession = 0;
const waiting = new Map<number, { resolve: (digest: string | undefined) => void; reject: (e: unknown) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(SOURCE, { eval: true });
  w.on('message', (m: { id: number; digest?: string }) => {
    const p = waiting.get(m.id);
    waiting.delete(m.id);
    if (waiting.size === 0) w.unref();
    p?.resolve(m.digest);
  });
  const fail = (e: unknown) => {
    worker = null;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the hash thread exited (${code})`)));
  w.unref();
  worker = w;
  return w;
}

function ask(msg: Record<string, unknown>): Promise<string | undefined> {
  const w = thread();
  const id = nextId++;
  if (waiting.size === 0) w.ref();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ ...msg, id });
  });
}

/**
 * One entry's hash on the thread (concurrent imports each have their own).
 * `update` resolves once the thread has read the bytes (the buffer may be
 * reused then); updates are hashed in the order given.
 */
export class ThreadHash {
  private readonly session = nextSession++;

  update(b: Buffer): Promise<unknown> {
    return ask({ op: 'update', session: this.session, sab: b.buffer, offset: b.byteOffset, length: b.length });
  }

  async digest(): Promise<string> {
    return `sha256:${await ask({ op: 'digest', session: this.session })}`;
  }

  /** After a failure: the thread forgets this hash. */
  drop(): void {
    void ask({ op: 'drop', session: this.session }).catch(() => undefined);
  }
}
