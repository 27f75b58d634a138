/**
 * `npm run bench:registry`: imports a large `docker save` archive (500 MB by
 * default, PIER_BENCH_ARCHIVE_MB) into a fresh embedded registry and compares
 * the time with `cp` of the same file on the same disk; each import runs in
 * its own process so its peak RSS is its own. A small archive's peak RSS is
 * measured too: flat memory means both peaks are about the same.
 * Numbers go to docs/performance.md by hand.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedRegistry } from '@/lib/registry/embedded/backend';

const MB = 1024 * 1024;

/** Child mode: one import, timed inside the process, with its peak RSS. */
async function child(archive: string, root: string): Promise<void> {
  const before = process.resourceUsage().maxRSS;
  const reg = new EmbeddedRegistry(root, 'bench');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const images = await reg.importArchive(archive, { workspace: 'bench' });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs, rssBeforeKiB: before, rssPeakKiB: process.resourceUsage().maxRSS, images: images.length }));
}

function write(out: WriteStream, b: Buffer): Promise<void> {
  return new Promise((resolve, reject) => (out.write(b, (e) => (e ? reject(e) : resolve()))));
}

function tarHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('14000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}
const pad = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);

/** A layer tar with one file of `bytes` pseudo-random bytes; returns its sha256. */
async function writeLayer(file: string, bytes: number, seed: number): Promise<string> {
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  const put = async (b: Buffer) => {
    hash.update(b);
    await write(out, b);
  };
  await put(tarHeader(`data/blob-${seed}.bin`, bytes));
  let block = createHash('sha512').update(String(seed)).digest();
  const chunk = Buffer.alloc(MB);
  for (let done = 0; done < bytes; ) {
    for (let i = 0; i < chunk.length; i += 64) {
      block = createHash('sha512').update(block).digest();
      block.copy(chunk, i);
    }
    const n = Math.min(chunk.length, bytes - done);
    await put(chunk.subarray(0, n));
    done += n;
  }
  await put(pad(bytes));
  await put(Buffer.alloc(1024));
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return `sha256:${hash.digest('hex')}`;
}

async function appendFile(out: WriteStream, name: string, file: string): Promise<void> {
  const size = (await stat(file)).size;
  await write(out, tarHeader(name, size));
  for await (const c of createReadStream(file, { highWaterMark: MB })) await write(out, c as Buffer);
  await write(out, pad(size));
}

async function buildArchive(dir: string, totalMb: number): Promise<string> {
  const layers = Math.max(1, Math.min(5, Math.round(totalMb / 100)));
  const files: string[] = [];
  const diffIds: string[] = [];
  for (let i = 0; i < layers; i++) {
    const f = path.join(dir, `layer${i}.tar`);
    diffIds.push(await writeLayer(f, Math.floor((totalMb * MB) / layers), i));
    files.push(f);
  }
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: new Date().toISOString(), rootfs: { type: 'layers', diff_ids: diffIds } }));
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  const archive = path.join(dir, `bench-${totalMb}.tar`);
  const out = createWriteStream(archive);
  await write(out, tarHeader(configName, config.length));
  await write(out, Buffer.concat([config, pad(config.length)]));
  for (let i = 0; i < files.length; i++) await appendFile(out, `l${i}/layer.tar`, files[i]);
  const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: ['bench/big:1'], Layers: files.map((_, i) => `l${i}/layer.tar`) }]));
  await write(out, tarHeader('manifest.json', manifest.length));
  await write(out, Buffer.concat([manifest, pad(manifest.length), Buffer.alloc(1024)]));
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  for (const f of files) await rm(f);
  return archive;
}

/** Wall time of `cp`, and its CPU time (user + system) when /usr/bin/time is there to report it. */
function timeCp(from: string, to: string): { ms: number; cpuMs: number | null } {
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timed ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'cp', from, to], { encoding: 'utf8' }) : spawnSync('cp', [from, to], { encoding: 'utf8' });
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

function timeImport(archive: string, root: string): ChildResult {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, 'child', archive, root], { encoding: 'utf8', maxBuffer: MB });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3], process.argv[4]);
  const totalMb = Number(process.env.PIER_BENCH_ARCHIVE_MB || 500);
  const runs = Number(process.env.PIER_BENCH_RUNS || 3);
  const base = process.env.PIER_BENCH_DIR || os.tmpdir();
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, 'pier-bench-registry-'));
  try {
    console.log(`building a ${totalMb} MB docker save archive in ${dir} ...`);
    const archive = await buildArchive(dir, totalMb);
    const small = await buildArchive(dir, Math.max(1, Math.round(totalMb / 10)));
    const bytes = (await stat(archive)).size;
    const cps: Array<{ ms: number; cpuMs: number | null }> = [];
    const imports: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, each on a fresh target, so page cache and disk state are alike for both.
      const copy = path.join(dir, 'copy.tar');
      cps.push(timeCp(archive, copy));
      await rm(copy);
      const root = path.join(dir, `registry-${i}`);
      imports.push(timeImport(archive, root));
      await rm(root, { recursive: true });
    }
    const smallRun = timeImport(small, path.join(dir, 'registry-small'));
    const cpMs = median(cps.map((c) => c.ms));
    const importMs = median(imports.map((r) => r.ms));
    const cpCpu = cps.every((c) => c.cpuMs !== null) ? median(cps.map((c) => c.cpuMs!)) : null;
    const importCpu = median(imports.map((r) => r.cpuMs));
    const mbps = (ms: number) => (bytes / MB / (ms / 1000)).toFixed(0);
    console.table({
      cp: { 'median ms': Math.round(cpMs), 'MB/s': mbps(cpMs), 'CPU ms': cpCpu === null ? '-' : Math.round(cpCpu), runs: cps.map((c) => Math.round(c.ms)).join(' ') },
      import: { 'median ms': Math.round(importMs), 'MB/s': mbps(importMs), 'CPU ms': Math.round(importCpu), runs: imports.map((r) => Math.round(r.ms)).join(' ') },
    });
    console.log(`import speed / cp speed: ${((cpMs / importMs) * 100).toFixed(0)} % (target >= 80 %); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(
      `peak RSS: ${(bytes / MB).toFixed(0)} MB archive ${Math.round(median(imports.map((r) => r.rssPeakKiB)) / 1024)} MiB ` +
        `(after loading, before import: ${Math.round(imports[0].rssBeforeKiB / 1024)} MiB); ` +
        `${((await stat(small)).size / MB).toFixed(0)} MB archive ${Math.round(smallRun.rssPeakKiB / 1024)} MiB`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
