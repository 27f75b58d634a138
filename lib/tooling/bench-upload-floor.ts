/**
 * `npm run bench:upload-floor`: how fast a durable upload can be on this
 * machine for a Node server at all, as the yardstick for Pier's upload
 * (bench-registry.ts). A minimal server on 127.0.0.1 takes `curl -F` of a
 * 500 MB file (PIER_BENCH_ARCHIVE_MB) and does only what any durable upload
 * must: receive the body, write it (two writes in flight, an fdatasync every
 * 32 MiB and one at the end) and SHA-256 it. No multipart or tar parsing, no
 * database, no catalog. Four ways, each round interleaved with `cp` +
 * `sync -f` of the same file:
 * - `receive`: the body read and dropped;
 * - `hash on main`: hashed on the main thread, then written (Pier's default);
 * - `hash on a thread`: written, then read back and hashed by a worker, as
 *   Pier's stager does with PIER_REGISTRY_HASH_THREAD=1 (archive/hash-thread.ts);
 * - `hash and write on a thread`: copied into four 1 MiB buffers that go to
 *   a worker by transfer; it hashes, writes and flushes them, and gives
 *   each back.
 * PIER_BENCH_WAYS picks some (`;`-separated); PIER_BENCH_VERIFY=1 checks
 * each stored file against the digest its way computed. The numbers go to
 * docs/performance.md by hand.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { coalescedBody } from '@/lib/http/node/coalesced-body';

const MB = 1 << 20;
type Way = 'receive' | 'hash on main' | 'hash on a thread' | 'hash and write on a thread';
const ALL_WAYS: Way[] = ['receive', 'hash on main', 'hash on a thread', 'hash and write on a thread'];
/** PIER_BENCH_WAYS: some of the ways, `;`-separated (their names contain commas and spaces). */
const WAYS: Way[] = process.env.PIER_BENCH_WAYS
  ? process.env.PIER_BENCH_WAYS.split(';').map((w) => {
    if (!ALL_WAYS.includes(w as Way)) throw new Error(`PIER_BENCH_WAYS: "${w}" is none of ${ALL_WAYS.join('; ')}`);
    return w as Way;
  })
  : ALL_WAYS;

/**
 * `hash and write on a thread`: the worker gets each chunk by transfer (a
 * plain ArrayBuffer, no shared memory), hashes it, writes it at its offset,
 * flushes every 32 MiB and gives the buffer back.
 */
const WRITER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
let hash = null, fd = -1, syncedAt = 0, syncing = null, pending = 0, failed = null, onIdle = null;
const idle = () => { if (pending === 0 && onIdle) { const f = onIdle; onIdle = null; f(); } };
parentPort.on('message', (m) => {
  if (m.op === 'open') { hash = createHash('sha256'); fd = m.fd; syncedAt = 0; failed = null; return; }
  if (m.op === 'chunk') {
    const b = Buffer.from(m.buf, 0, m.length);
    hash.update(b);
    pending++;
    fs.write(fd, b, 0, m.length, m.at, (e, n) => {
      if (e || n !== m.length) failed = failed || (e ? String(e) : 'short write');
      pending--;
      parentPort.postMessage({ op: 'free', buf: m.buf }, [m.buf]);
      if (m.at + m.length - syncedAt >= (32 << 20) && !syncing) {
        syncedAt = m.at + m.length;
        syncing = new Promise((r) => fs.fdatasync(fd, () => { syncing = null; r(); }));
      }
      idle();
    });
    return;
  }
  onIdle = () => Promise.resolve(syncing).then(() => parentPort.postMessage(failed ? { op: 'failed', error: failed } : { op: 'digest', digest: hash.digest('hex') }));
  idle();
});`;

/** One upload's body copied into four 1 MiB buffers that take turns going to the writer thread. */
async function storeOnWriter(req: IncomingMessage, file: string, writer: Worker): Promise<string> {
  const fh = await open(file, 'w');
  const body = coalescedBody(req, MB);
  const free: ArrayBuffer[] = Array.from({ length: 4 }, () => new ArrayBuffer(MB));
  let wake: (() => void) | null = null;
  let answer: { resolve: (d: string) => void; reject: (e: Error) => void } | null = null;
  const onMessage = (m: { op: string; buf?: ArrayBuffer; digest?: string; error?: string }) => {
    if (m.op === 'free') {
      free.push(m.buf!);
      const w = wake;
      wake = null;
      w?.();
    } else if (m.op === 'digest') answer?.resolve(m.digest!);
    else answer?.reject(new Error(m.error));
  };
  writer.on('message', onMessage);
  writer.postMessage({ op: 'open', fd: fh.fd });
  let pos = 0;
  try {
    for await (const c of body) {
      for (let off = 0; off < c.length; ) {
        while (free.length === 0) await new Promise<void>((r) => (wake = r));
        const buf = free.pop()!;
        const n = c.copy(new Uint8Array(buf), 0, off);
        writer.postMessage({ op: 'chunk', buf, length: n, at: pos }, [buf]);
        pos += n;
        off += n;
      }
    }
    const digest = await new Promise<string>((resolve, reject) => {
      answer = { resolve, reject };
      writer.postMessage({ op: 'end' });
    });
    await fh.datasync();
    return digest;
  } finally {
    writer.off('message', onMessage);
    await fh.close();
  }
}

const READER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buf = Buffer.allocUnsafeSlow(4 << 20);
let hash = null, fd = -1;
parentPort.on('message', (m) => {
  if (m.op === 'open') { hash = createHash('sha256'); fd = fs.openSync(m.file, 'r'); return; }
  if (m.op === 'range') {
    for (let at = m.offset, end = m.offset + m.length; at < end; ) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      hash.update(buf.subarray(0, n));
      at += n;
    }
    return;
  }
  fs.closeSync(fd);
  parentPort.postMessage(hash.digest('hex'));
});`;

/** One upload's body stored the minimal durable way; returns its digest. */
async function store(req: IncomingMessage, way: Way, file: string, reader: Worker, writer: Worker): Promise<string> {
  if (way === 'hash and write on a thread') return storeOnWriter(req, file, writer);
  const body = coalescedBody(req, MB);
  if (way === 'receive') {
    let n = 0;
    for await (const c of body) n += c.length;
    return `received ${n} bytes`;
  }
  const fh = await open(file, 'w');
  const hash = way === 'hash on main' ? createHash('sha256') : null;
  if (!hash) reader.postMessage({ op: 'open', file });
  const inFlight: Array<Promise<unknown>> = [];
  let pos = 0;
  let syncedAt = 0;
  let posted: Promise<unknown> = Promise.resolve();
  let syncing: Promise<void> | null = null;
  for await (const c of body) {
    hash?.update(c);
    while (inFlight.length >= 2) await inFlight.shift();
    const at = pos;
    pos += c.length;
    const w = fh.write(c, 0, c.length, at);
    inFlight.push(hash ? w : (posted = Promise.all([posted, w]).then(() => reader.postMessage({ op: 'range', offset: at, length: c.length }))));
    if (pos - syncedAt >= 32 * MB && !syncing) {
      syncedAt = pos;
      syncing = w.then(() => fh.datasync()).finally(() => void (syncing = null));
    }
  }
  await Promise.all(inFlight);
  const digest = hash ? hash.digest('hex') : await new Promise<string>((resolve) => {
    reader.once('message', resolve);
    reader.postMessage({ op: 'digest' });
  });
  await syncing;
  await fh.datasync();
  await fh.close();
  return digest;
}

function ms(t0: number): number {
  return Math.round(performance.now() - t0);
}

function timeCpSync(from: string, to: string): number {
  spawnSync('sync');
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', `cp "${from}" "${to}" && sync -f "${to}"`]);
  const took = ms(t0);
  if (r.status !== 0) throw new Error(`cp failed: ${r.stderr}`);
  spawnSync('rm', ['-f', to]);
  return took;
}

function curl(url: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn('curl', ['-sS', '-f', '-o', '/dev/null', '-F', `image=@${file}`, url]);
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const mb = Number(process.env.PIER_BENCH_ARCHIVE_MB || 500);
  const runs = Number(process.env.PIER_BENCH_RUNS || 3);
  const dir = await mkdtemp(path.join(process.env.PIER_BENCH_DIR || os.tmpdir(), 'pier-upload-floor-'));
  const reader = new Worker(READER, { eval: true });
  const writer = new Worker(WRITER, { eval: true });
  let way: Way = 'receive';
  let n = 0;
  const server = createServer((req, res) => {
    const file = path.join(dir, `up${n++}`);
    const thisWay = way;
    store(req, thisWay, file, reader, writer)
      .then((digest) => {
        // PIER_BENCH_VERIFY=1: the stored file's own SHA-256 must be the digest the way computed.
        if (process.env.PIER_BENCH_VERIFY === '1' && thisWay !== 'receive') {
          const stored = spawnSync('sha256sum', [file]).stdout.toString().split(' ')[0];
          if (stored !== digest) throw new Error(`${thisWay}: the stored file hashes to ${stored}, the way said ${digest}`);
        }
        res.end(digest);
      })
      .catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
  });
  try {
    const file = path.join(dir, 'payload');
    spawnSync('sh', ['-c', `head -c ${mb}M /dev/urandom > "${file}" && sync`]);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    console.log(`${mb} MB, ${runs} rounds; load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const rows: Record<string, number[]> = { 'cp + sync': [] };
    for (const w of WAYS) rows[w] = [];
    for (let i = 0; i < runs; i++) {
      rows['cp + sync'].push(timeCpSync(file, path.join(dir, 'copy')));
      for (const w of WAYS) {
        way = w;
        spawnSync('sync');
        const t0 = performance.now();
        await curl(url, file);
        rows[w].push(ms(t0));
        await rm(path.join(dir, `up${n - 1}`), { force: true });
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const cp = median(rows['cp + sync']);
    console.table(Object.fromEntries(Object.entries(rows).map(([k, xs]) => [k, { 'median ms': median(xs), '% of cp': Math.round((cp / median(xs)) * 100), runs: xs.join(' ') }])));
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; machine: ${os.cpus().length} cores, node ${process.version}`);
  } finally {
    server.close();
    await reader.terminate();
    await writer.terminate();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
