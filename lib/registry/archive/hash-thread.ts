/**
 * SHA-256 of large archive entries on one worker thread, read back from the
 * entry's own file: the stager writes a piece, and once the write has ended
 * it tells the thread "bytes [offset, offset + length) of that file"; the
 * thread reads them from the page cache (the kernel's copy, at memory speed)
 * and hashes them, in order. The main thread then only receives, parses and
 * writes, while the second core hashes, and no buffer is shared: a copy into
 * a SharedArrayBuffer goes through V8's element-by-element path for shared
 * memory, which cost more than the hash it moved (docs/performance.md,
 * eighth session). One SHA-256 stream cannot be split, so one thread: its
 * entries are hashed one after the other.
 *
 * The worker's code is a string (eval), so it needs no file of its own in
 * Next.js's build, vitest or tsx. It is unref'd while idle: a CLI or a
 * bench child exits by itself.
 */
import { Worker } from 'node:worker_threads';

const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buf = Buffer.allocUnsafeSlow(4 << 20);
const sessions = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'range') {
    let s = sessions.get(m.session);
    if (!s) sessions.set(m.session, (s = { hash: createHash('sha256'), fd: -1, failed: null }));
    if (s.failed) return;
    try {
      if (s.fd < 0) s.fd = fs.openSync(m.file, 'r');
      for (let at = m.offset, end = m.offset + m.length; at < end; ) {
        const n = fs.readSync(s.fd, buf, 0, Math.min(buf.length, end - at), at);
        if (n === 0) throw new Error('the staged file is shorter than what was written to it');
        s.hash.update(buf.subarray(0, n));
        at += n;
      }
    } catch (e) {
      s.failed = e;
    }
    return;
  }
  const s = sessions.get(m.session);
  sessions.delete(m.session);
  if (s && s.fd >= 0) try { fs.closeSync(s.fd); } catch {}
  if (m.op === 'digest' && s && s.failed) parentPort.postMessage({ id: m.id, error: String(s.failed.message || s.failed) });
  else parentPort.postMessage({ id: m.id, digest: m.op === 'digest' ? (s ? s.hash : createHash('sha256')).digest('hex') : undefined });
});`;

/**
 * Whether large entries are hashed on the worker: with PIER_REGISTRY_HASH_THREAD=1.
 * Off by default since the tenth session: on two quiet cores, hashing on the
 * main thread as the stager writes saved the read-back and ~0.4 s of CPU per
 * 500 MB (docs/performance.md, "Upload (tenth session)"; docs/registry.md, "Upload path").
 */
export const hashThreadEnabled = () => process.env.PIER_REGISTRY_HASH_THREAD === '1';

let worker: Worker | null = null;
let nextId = 0;
let nextSession = 0;
let pendingAnswers = 0;
const waiting = new Map<number, { resolve: (digest: string | undefined) => void; reject: (e: unknown) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(SOURCE, { eval: true });
  w.on('message', (m: { id: number; digest?: string; error?: string }) => {
    const p = waiting.get(m.id);
    waiting.delete(m.id);
    if (--pendingAnswers === 0) w.unref();
    if (m.error !== undefined) p?.reject(new Error(`hash thread: ${m.error}`));
    else p?.resolve(m.digest);
  });
  const fail = (e: unknown) => {
    worker = null;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
    pendingAnswers = 0;
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
  if (pendingAnswers++ === 0) w.ref();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ ...msg, id });
  });
}

/**
 * One file's hash on the thread (concurrent imports each have their own).
 * Ranges are hashed in the order given, so give them in file order, each
 * once its bytes are written. `digest()` answers after every range before it.
 */
export class ThreadHash {
  private readonly session = nextSession++;

  constructor(private readonly file: string) {}

  /** Bytes [offset, offset + length) of the file, already written. Not answered: a failure shows in `digest()`. */
  range(offset: number, length: number): void {
    thread().postMessage({ op: 'range', session: this.session, file: this.file, offset, length });
  }

  async digest(): Promise<string> {
    return `sha256:${await ask({ op: 'digest', session: this.session })}`;
  }

  /** After a failure: the thread forgets this hash and closes the file. */
  drop(): void {
    void ask({ op: 'drop', session: this.session }).catch(() => undefined);
  }
}
