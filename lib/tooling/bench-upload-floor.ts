/**
 * `npm run bench:upload-floor`: how fast a durable upload can be on this
 * machine for a Node server at all, as the yardstick for Pier's upload
 * (bench-registry.ts). A minimal server on 127.0.0.1 takes `curl -F` of a
 * 500 MB file (PIER_BENCH_ARCHIVE_MB) and does only what any durable upload
 * must: receive the body, write it (two writes in flight, an fdatasync every
 * 32 MiB and one at the end) and SHA-256 it. No multipart or tar parsing, no
 * database, no catalog. Three ways, each round interleaved with `cp` +
 * `sync -f` of the same file:
 * - `receive`: the body read and dropped;
 * - `hash on main`: hashed on the main thread, then written;
 * - `hash on a thread`: written, then read back and hashed by a worker, as
 *   Pier's stager does (archive/hash-thread.ts).
 * The numbers go to docs/performance.md by hand.
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
type Way = 'receive' | 'hash on main' | 'hash on a thread';
const WAYS: Way[] = ['receive', 'hash on main', 'hash on a thread'];

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
async function store(req: IncomingMessage, way: Way, file: string, reader: Worker): Promise<string> {
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
  let way: Way = 'receive';
  let n = 0;
  const server = createServer((req, res) => {
    store(req, way, path.join(dir, `up${n++}`), reader)
      .then((digest) => res.end(digest))
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
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
