/**
 * `npm run bench:upload-rounds`: issue 4's speed target, a durable upload of
 * a 500 MB archive against `cp` + `sync -f` of the same file, round by
 * round, with settings compared side by side. (The tenth and eleventh
 * sessions ran this as a hand harness; docs/performance.md.) Each round:
 * a fresh Pier (`npm start`'s entry, PGlite, no demo data, its own data
 * directory); `cp` + `sync -f` of the archive, the copy removed; one
 * `curl -F` of the archive to the ECNS upload_image endpoint; the server
 * stopped and its data removed. Both writes so land on page-cache pages
 * just freed: on this kind of VM, pages not recently freed cost up to five
 * times more system time to fill (docs/performance.md, "This VM's page
 * cache has two prices").
 *
 * PIER_BENCH_ARMS: the settings compared, `;`-separated, each
 * `name:VAR=value,VAR=value` (default `defaults:`, no extra settings). The
 * arms take turns pass by pass. An arm's PIER_BENCH_WARMUP_MB (read by
 * the bench) uploads an archive of that many MB and the same shape before
 * the timed one, so that it meets a server that has served an upload (code
 * compiled, the catalog's triggers planned), not a fresh one.
 * PIER_BENCH_PASSES (default 2) and
 * PIER_BENCH_ROUNDS (rounds per arm and pass, default 3);
 * PIER_BENCH_ARCHIVE_MB (default 500) or PIER_BENCH_ARCHIVE (an existing
 * archive); PIER_BENCH_DIR (archive and copies; default the OS temp dir).
 * The numbers go to docs/performance.md by hand.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildArchive } from './bench-archive';
import { curlUploadImage, signIn, waitReady } from './bench-server';
import { treeCpuMs } from './bench-stats';
import { pierStartArgs } from './start-command';

const MB = 1024 * 1024;
const PORT = Number(process.env.PIER_BENCH_PORT || 3336);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-pass-1';

interface Arm {
  name: string;
  env: Record<string, string>;
}

interface Round {
  cpMs: number;
  uploadMs: number;
  serverCpuMs: number;
}

/** `name:VAR=value,VAR=value;…` */
function parseArms(spec: string): Arm[] {
  return spec.split(';').map((s) => s.trim()).filter(Boolean).map((s) => {
    const colon = s.indexOf(':');
    if (colon <= 0) throw new Error(`PIER_BENCH_ARMS: "${s}" is not name:VAR=value,…`);
    const env: Record<string, string> = {};
    for (const kv of s.slice(colon + 1).split(',').map((x) => x.trim()).filter(Boolean)) {
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new Error(`PIER_BENCH_ARMS: "${kv}" is not VAR=value`);
      env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return { name: s.slice(0, colon), env };
  });
}

/** An arm's warm-up archive size (PIER_BENCH_WARMUP_MB in its settings; 0, none, by default). */
function warmupMb(arm: Arm): number {
  const v = arm.env.PIER_BENCH_WARMUP_MB;
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`PIER_BENCH_ARMS: ${arm.name}'s PIER_BENCH_WARMUP_MB=${v} is not a whole number of MB`);
  return n;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeCpSync(from: string, to: string): number {
  spawnSync('sync');
  const t0 = performance.now();
  const cp = spawnSync('cp', [from, to]);
  const s = spawnSync('sync', ['-f', to]);
  const ms = performance.now() - t0;
  if (cp.status !== 0 || s.status !== 0) throw new Error(`cp + sync failed: ${cp.stderr}${s.stderr}`);
  return ms;
}

async function round(arm: Arm, archive: string, warmArchive: string | null, dir: string, tag: string): Promise<Round> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pier-bench-rounds-'));
  const child = spawn(process.execPath, pierStartArgs(), {
    env: {
      ...process.env, PORT: String(PORT), PIER_HOST: '127.0.0.1', PIER_DATA_DIR: dataDir, DATABASE_URL: '',
      PIER_ADMIN_PASSWORD: PASSWORD, PIER_SEED_DEMO: 'false', PIER_UPLOAD_MAX_BYTES: String(8 * 1024 * MB), ...arm.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitReady(BASE, child);
    const token = await signIn(BASE, 'admin', PASSWORD);
    const ws = await fetch(`${BASE}/api/ecns/image/images/harbor_project`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-auth-token': token },
      body: JSON.stringify({ harbor_project_name: 'bench', public: false }),
    });
    if (!ws.ok) throw new Error(`creating the workspace: ${ws.status} ${await ws.text()}`);
    if (warmArchive) {
      const warm = await curlUploadImage(BASE, token, warmArchive, `warm-${tag}`);
      if (warm.code !== '201') throw new Error(`the warm-up upload answered ${warm.code}: ${warm.body.slice(0, 500)}`);
    }
    const copy = path.join(dir, 'copy.tar');
    const cpMs = timeCpSync(archive, copy);
    await rm(copy);
    spawnSync('sync');
    const cpu0 = treeCpuMs(child.pid!);
    const t0 = performance.now();
    const { code, body } = await curlUploadImage(BASE, token, archive, tag);
    const uploadMs = performance.now() - t0;
    const serverCpuMs = treeCpuMs(child.pid!) - cpu0;
    if (code !== '201') throw new Error(`upload answered ${code}: ${body.slice(0, 500)}`);
    return { cpMs, uploadMs, serverCpuMs };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const arms = parseArms(process.env.PIER_BENCH_ARMS || 'defaults:');
  const passes = Number(process.env.PIER_BENCH_PASSES || 2);
  const rounds = Number(process.env.PIER_BENCH_ROUNDS || 3);
  const dir = await mkdtemp(path.join(process.env.PIER_BENCH_DIR || os.tmpdir(), 'pier-upload-rounds-'));
  try {
    const archive = process.env.PIER_BENCH_ARCHIVE || (await buildArchive(dir, Number(process.env.PIER_BENCH_ARCHIVE_MB || 500)));
    const mb = (await stat(archive)).size / MB;
    console.log(`${mb.toFixed(0)} MB archive; ${arms.length} arm(s) × ${passes} passes × ${rounds} rounds; load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    // An arm's PIER_BENCH_WARMUP_MB: a small archive of the same shape is uploaded first, so the timed upload meets a server that has served one.
    const warmArchives = new Map<number, string>();
    for (const mbs of new Set(arms.map(warmupMb).filter((n) => n > 0))) {
      const d = path.join(dir, `warm-${mbs}`);
      await mkdir(d);
      warmArchives.set(mbs, await buildArchive(d, mbs));
    }
    const results = new Map<string, Round[]>(arms.map((a) => [a.name, []]));
    let n = 0;
    for (let p = 0; p < passes; p++) {
      for (const arm of arms) {
        for (let r = 0; r < rounds; r++) {
          const res = await round(arm, archive, warmArchives.get(warmupMb(arm)) ?? null, dir, `r${n++}`);
          results.get(arm.name)!.push(res);
          console.log(`${arm.name}: cp + sync ${res.cpMs.toFixed(0)} ms, upload ${res.uploadMs.toFixed(0)} ms = ${((100 * res.cpMs) / res.uploadMs).toFixed(0)} % of cp; server CPU ${res.serverCpuMs.toFixed(0)} ms`);
        }
      }
    }
    console.table(arms.map((a) => {
      const rs = results.get(a.name)!;
      const pct = rs.map((r) => (100 * r.cpMs) / r.uploadMs);
      return {
        arm: a.name,
        uploads: rs.length,
        'median upload ms': Math.round(median(rs.map((r) => r.uploadMs))),
        'median cp + sync ms': Math.round(median(rs.map((r) => r.cpMs))),
        'median % of cp': Number(median(pct).toFixed(1)),
        '% of cp range': `${Math.round(Math.min(...pct))}–${Math.round(Math.max(...pct))}`,
        'median server CPU ms': Math.round(median(rs.map((r) => r.serverCpuMs))),
      };
    }));
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; machine: ${os.cpus().length} cores, node ${process.version}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
