/**
 * `npm start`: build if the build is missing or stale, migrate, seed on first
 * start (printing the logins once), then serve.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildIsCurrent, distDir, sourceFingerprint } from './build-fingerprint';
import { widenHeapGrowth } from './heap-growth';
import { serve } from './serve';
import { firstStartBanner, prepareStore } from './setup';

const root = process.cwd();
const nextBin = require.resolve('next/dist/bin/next');
const port = process.env.PORT || '3000';

/**
 * Several `npm start`s on one checkout (several instances, or tests beside a
 * running console) must not build into one directory at once: the first takes
 * a lock file, the others wait for it and then find the build current.
 */
async function withBuildLock(fn: () => void): Promise<void> {
  const lock = `${distDir(root)}.build-lock`;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(readFileSync(lock, 'utf8'));
      if (!holder || !isAlive(holder)) rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function buildIfNeeded(): void {
  const fingerprint = sourceFingerprint(root);
  if (buildIsCurrent(root, fingerprint)) return;
  console.log('pier: building the console (first start or sources changed)...');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    console.error('pier: build failed');
    process.exit(r.status ?? 1);
  }
  writeFileSync(path.join(distDir(root), 'pier-fingerprint'), fingerprint);
  console.log(`pier: built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function main() {
  // First, so a wrong value stops the start before a build; it applies to the collections to come.
  widenHeapGrowth();
  await withBuildLock(buildIfNeeded);
  const seeded = await prepareStore();
  for (const line of firstStartBanner(seeded)) console.log(line);
  const host = process.env.PIER_HOST;
  await serve({ root, port: Number(port), host });
  // The first request opens the store; make it now, so "ready" means ready.
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
  console.log(ready ? `pier: ready on http://localhost:${port}` : 'pier: serving, but /readyz reports the store not ready');
}

main().catch((err) => {
  console.error('pier: start failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
