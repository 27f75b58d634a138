/**
 * `npm run bench:registry`: a large `docker save` archive (500 MB by default,
 * PIER_BENCH_ARCHIVE_MB) against `cp` of the same file on the same disk, in
 * three ways, each import in its own process so its peak RSS is its own:
 * - `file`: importArchive of the file (stage, verify, blobs into the layout);
 * - `upload, 2 passes`: what an upload did before: the body (the file read
 *   in 64 KiB pieces, as a request arrives) written to a file, then imported;
 * - `upload, 1 pass`: what an upload does now: the body parsed as it streams;
 * then, unless PIER_BENCH_HTTP=0, the whole path a user takes: `curl -F` of
 * the archive to a running Pier's ECNS upload_image endpoint (multipart over
 * HTTP, busboy, import, catalog), with the server's peak RSS.
 * A small archive's peak RSS is measured too: flat memory means both peaks
 * are about the same. Numbers go to docs/performance.md by hand.
 *
 * PIER_BENCH_DURABLE=1 times every case until its bytes are on the disk:
 * `cp` is followed by `sync -f` (syncfs of the file system the bench
 * directory is on) inside the timed span; imports and uploads are durable by
 * themselves (the embedded registry flushes blobs, their directory and
 * index.json before it answers), unless PIER_REGISTRY_FSYNC=0, when they get
 * the same `sync -f` as cp. Without it `cp` ends when the copy is in the
 * page cache, which on a quiet machine is faster than SHA-256 can read.
 * PIER_BENCH_COLD=1 drops the page cache before every case (cp then reads
 * the archive from the disk, and so do the import and curl).
 * PIER_BENCH_CPU_PROF=<dir>: V8 CPU profiles of the import children and of
 * the server, written there.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedRegistry } from '@/lib/registry/embedded/backend';
import { receiveUpload } from '@/lib/registry/upload';
import { coalescedBody } from '@/lib/http/node/coalesced-body';
import { buildArchive } from './bench-archive';
import { curlUploadImage, signIn, withBenchServer } from './bench-server';
import { treeCpuMs, treeRssMiB } from './bench-stats';

const MB = 1024 * 1024;
const DURABLE = process.env.PIER_BENCH_DURABLE === '1';
/** The registry flushes by itself (as registryFromEnv reads PIER_REGISTRY_FSYNC). */
const REGISTRY_FSYNC = process.env.PIER_REGISTRY_FSYNC !== '0';
const COLD = process.env.PIER_BENCH_COLD === '1';
const PROF = process.env.PIER_BENCH_CPU_PROF;

/** With PIER_BENCH_COLD=1: dirty pages written, then the page cache dropped (root only), outside the timed span. */
function dropCachesIfCold(): void {
  if (!COLD) return;
  spawnSync('sync');
  const r = spawnSync('sh', ['-c', 'echo 3 > /proc/sys/vm/drop_caches'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`drop_caches failed (root only): ${r.stderr}`);
}

/** With PIER_BENCH_DURABLE=1: an import or upload whose registry does not flush by itself gets `sync -f` like cp. */
function flushUnlessRegistryDoes(where: string): void {
  if (!REGISTRY_FSYNC) flushIfDurable(where);
}

/** With PIER_BENCH_DURABLE=1: flush the file system `where` is on, as part of the timed span. */
function flushIfDurable(where: string): void {
  if (!DURABLE) return;
  const r = spawnSync('sync', ['-f', where], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sync -f failed: ${r.stderr}`);
}
type Mode = 'file' | 'twopass' | 'stream';
const MODES: Record<Mode, string> = { file: 'import of the file', twopass: 'upload, 2 passes (before)', stream: 'upload, 1 pass (now)' };

/** Child mode: one import, timed inside the process, with its peak RSS. */
async function child(mode: Mode, archive: string, root: string): Promise<void> {
  const before = process.resourceUsage().maxRSS;
  const reg = new EmbeddedRegistry(root, 'bench', { durable: REGISTRY_FSYNC });
  const body = () => coalescedBody(createReadStream(archive, { highWaterMark: 64 << 10 }));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let images;
  if (mode === 'file') images = await reg.importArchive(archive, { workspace: 'bench' });
  else if (mode === 'stream') images = await reg.importArchive({ stream: body(), maxBytes: 4 * 1024 * MB }, { workspace: 'bench' });
  else {
    const up = await receiveUpload(body(), { maxBytes: 4 * 1024 * MB, dir: path.join(root, 'uploads') });
    images = await reg.importArchive(up.file, { workspace: 'bench' });
    await rm(up.file);
  }
  flushUnlessRegistryDoes(root);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs, rssBeforeKiB: before, rssPeakKiB: process.resourceUsage().maxRSS, images: images.length }));
}

/** Wall time of `cp`, and its CPU time (user + system) when /usr/bin/time is there to report it. */
function timeCp(from: string, to: string): { ms: number; cpuMs: number | null } {
  dropCachesIfCold();
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timed ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'cp', from, to], { encoding: 'utf8' }) : spawnSync('cp', [from, to], { encoding: 'utf8' });
  if (r.status === 0) flushIfDurable(to);
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`cp failed: ${r.stderr}`);
  const m = timed ? /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr) : null;
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  rssBeforeKiB: number;
  rssPeakKiB: number;
}

function timeImport(mode: Mode, archive: string, root: string): ChildResult {
  dropCachesIfCold();
  const prof = PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROF)}`, `--cpu-prof-name=import-${mode}-${Date.now()}.cpuprofile`] : [];
  const r = spawnSync(process.execPath, [...prof, ...process.execArgv, __filename, 'child', mode, archive, root], { encoding: 'utf8', maxBuffer: MB });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

function describeDurability(): string {
  const cold = COLD ? 'cold: page cache dropped before every case' : 'warm page cache';
  if (!DURABLE) return `not durable: cases end when their bytes are in the page cache; ${cold}`;
  const reg = REGISTRY_FSYNC ? 'imports/uploads flush by themselves (fdatasync/fsync before the answer)' : 'imports/uploads + `sync -f` (PIER_REGISTRY_FSYNC=0)';
  return `durable: cp + \`sync -f\`; ${reg}; ${cold}`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];


/** `curl -F` of the archive to upload_image; wall time, and the server tree's peak RSS sampled every 50 ms. */
async function timeHttpUpload(base: string, token: string, archive: string, tag: string, serverPid: number): Promise<{ ms: number; peakMiB: number; serverCpuMs: number }> {
  dropCachesIfCold();
  let peakMiB = 0;
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, treeRssMiB(serverPid))), 50);
  const cpu0 = treeCpuMs(serverPid);
  const t0 = performance.now();
  const out = await curlUploadImage(base, token, archive, tag);
  flushUnlessRegistryDoes(archive);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const serverCpuMs = treeCpuMs(serverPid) - cpu0;
  if (out.code !== '201') throw new Error(`upload failed: ${out.code} ${out.body.slice(0, 500)}`);
  return { ms, peakMiB, serverCpuMs };
}

async function httpPath(archive: string, small: string, dir: string, runs: number): Promise<void> {
  const password = 'bench-pass-1';
  await new Promise<void>((resolve) => {
    withBenchServer({ port: Number(process.env.PIER_BENCH_PORT || 3331), password, env: { PIER_SEED_DEMO: 'false', PIER_UPLOAD_MAX_BYTES: String(4 * 1024 * MB) } }, async (server) => {
      const token = await signIn(server.base, 'admin', password);
      const ws = await fetch(`${server.base}/api/ecns/image/images/harbor_project`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-auth-token': token }, body: JSON.stringify({ harbor_project_name: 'bench', public: false }),
      });
      if (ws.status !== 201) throw new Error(`workspace: ${ws.status} ${await ws.text()}`);
      await timeHttpUpload(server.base, token, small, 'warmup', server.process.pid!);
      const idle = treeRssMiB(server.process.pid!);
      const cps: number[] = [];
      const ups: Array<{ ms: number; peakMiB: number; serverCpuMs: number }> = [];
      for (let i = 0; i < runs; i++) {
        const copy = path.join(dir, 'copy.tar');
        cps.push(timeCp(archive, copy).ms);
        await rm(copy);
        ups.push(await timeHttpUpload(server.base, token, archive, `r${i}`, server.process.pid!));
      }
      const smallRun = await timeHttpUpload(server.base, token, small, 'small', server.process.pid!);
      const bytes = (await stat(archive)).size;
      const cpMs = median(cps);
      const upMs = median(ups.map((u) => u.ms));
      const mbps = (ms: number) => (bytes / MB / (ms / 1000)).toFixed(0);
      const path_ = process.env.PIER_UPLOAD_DIRECT === '0' ? 'through Next.js (PIER_UPLOAD_DIRECT=0)' : 'direct (Node request)';
      console.log(`\nHTTP: curl -F to ${server.base}/api/ecns/image/images/upload_image/ (store ${server.store}; ${path_}; ${describeDurability()})`);
      console.table({
        cp: { 'median ms': Math.round(cpMs), 'MB/s': mbps(cpMs), 'server CPU ms': '-', '% of cp': 100, runs: cps.map(Math.round).join(' ') },
        'HTTP upload': {
          'median ms': Math.round(upMs), 'MB/s': mbps(upMs), 'server CPU ms': median(ups.map((u) => u.serverCpuMs)), '% of cp': Math.round((cpMs / upMs) * 100),
          runs: ups.map((u) => Math.round(u.ms)).join(' '),
        },
      });
      console.log(`HTTP upload speed / cp speed: ${((cpMs / upMs) * 100).toFixed(0)} % (target >= 80 %); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
      console.log(`server peak RSS (process tree): idle ${idle} MiB; during a ${(bytes / MB).toFixed(0)} MB upload ${Math.max(...ups.map((u) => u.peakMiB))} MiB; during a ${((await stat(small)).size / MB).toFixed(0)} MB upload ${smallRun.peakMiB} MiB`);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3] as Mode, process.argv[4], process.argv[5]);
  const totalMb = Number(process.env.PIER_BENCH_ARCHIVE_MB || 500);
  const runs = Number(process.env.PIER_BENCH_RUNS || 3);
  const modes = (process.env.PIER_BENCH_MODES || 'file,twopass,stream').split(',') as Mode[];
  const base = process.env.PIER_BENCH_DIR || os.tmpdir();
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, 'pier-bench-registry-'));
  try {
    console.log(`building a ${totalMb} MB docker save archive in ${dir} ...`);
    const archive = await buildArchive(dir, totalMb);
    const small = await buildArchive(dir, Math.max(1, Math.round(totalMb / 10)));
    const bytes = (await stat(archive)).size;
    const cps: Array<{ ms: number; cpuMs: number | null }> = [];
    const imports = new Map<Mode, ChildResult[]>(modes.map((m) => [m, []]));
    console.log(describeDurability());
    console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (let i = 0; i < runs; i++) {
      // Interleaved, each on a fresh target, so page cache and disk state are alike for all.
      const copy = path.join(dir, 'copy.tar');
      cps.push(timeCp(archive, copy));
      await rm(copy);
      for (const m of modes) {
        const root = path.join(dir, `registry-${m}-${i}`);
        imports.get(m)!.push(timeImport(m, archive, root));
        await rm(root, { recursive: true });
      }
    }
    const smallRun = timeImport(modes.includes('stream') ? 'stream' : modes[0], small, path.join(dir, 'registry-small'));
    const cpMs = median(cps.map((c) => c.ms));
    const cpCpu = cps.every((c) => c.cpuMs !== null) ? median(cps.map((c) => c.cpuMs!)) : null;
    const mbps = (ms: number) => (bytes / MB / (ms / 1000)).toFixed(0);
    const table: Record<string, Record<string, string | number>> = {
      cp: { 'median ms': Math.round(cpMs), 'MB/s': mbps(cpMs), 'CPU ms': cpCpu === null ? '-' : Math.round(cpCpu), '% of cp': 100, runs: cps.map((c) => Math.round(c.ms)).join(' ') },
    };
    for (const [m, rs] of imports) {
      const ms = median(rs.map((r) => r.ms));
      table[MODES[m]] = { 'median ms': Math.round(ms), 'MB/s': mbps(ms), 'CPU ms': Math.round(median(rs.map((r) => r.cpuMs))), '% of cp': Math.round((cpMs / ms) * 100), runs: rs.map((r) => Math.round(r.ms)).join(' ') };
    }
    console.table(table);
    console.log(`target: >= 80 % of cp; load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const first = imports.get(modes[0])!;
    console.log(
      `peak RSS: ${(bytes / MB).toFixed(0)} MB archive ${[...imports].map(([m, rs]) => `${m} ${Math.round(median(rs.map((r) => r.rssPeakKiB)) / 1024)} MiB`).join(', ')} ` +
        `(after loading, before import: ${Math.round(first[0].rssBeforeKiB / 1024)} MiB); ` +
        `${((await stat(small)).size / MB).toFixed(0)} MB archive ${Math.round(smallRun.rssPeakKiB / 1024)} MiB`,
    );
    if (process.env.PIER_BENCH_HTTP !== '0') await httpPath(archive, small, dir, runs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
