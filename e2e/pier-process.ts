import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from '@playwright/test';
import { passwords } from './fixtures';
import { pierStartArgs } from '../lib/tooling/start-command';

/** A Pier a spec starts itself (besides the one the config starts), to kill or stop it. */
export interface Pier {
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

const root = path.resolve(__dirname, '..');

/**
 * `npm start`'s command (node --import tsx lib/tooling/start.ts) on `port` and a PGlite data
 * directory, in a process group of its own, so one kill reaches it and a
 * build it runs. Added to `started` for the spec's cleanup.
 */
export function startPierAt(port: number, dataDir: string, started: Pier[]): Pier {
  const child = spawn(process.execPath, pierStartArgs(), {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      PIER_HOST: '127.0.0.1',
      PIER_DATA_DIR: dataDir,
      PIER_ADMIN_PASSWORD: passwords.admin,
      PIER_DEMO_PASSWORD: passwords.demo,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: '',
    },
  });
  const output: string[] = [];
  child.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
  child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pier = { child, output, exited };
  started.push(pier);
  return pier;
}

export async function waitPierReady(pier: Pier, base: string): Promise<void> {
  // A first start may build the console (minutes on 2 loaded cores); later ones find the build current.
  await expect.poll(async () => {
    if (pier.child.exitCode !== null) throw new Error(`pier exited (${pier.child.exitCode}):\n${pier.output.join('').slice(-3000)}`);
    return fetch(`${base}/readyz`).then((r) => r.status, () => 0);
  }, { timeout: 420_000, intervals: [1000] }).toBe(200);
}

export function killGroup(pier: Pier, signal: NodeJS.Signals): void {
  if (pier.child.exitCode !== null || pier.child.signalCode !== null) return;
  try {
    process.kill(-pier.child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM (Pier's own shutdown), then SIGKILL if it has not exited after 10 s. */
export async function stopPier(pier: Pier): Promise<void> {
  killGroup(pier, 'SIGTERM');
  await Promise.race([pier.exited, new Promise((r) => setTimeout(r, 10_000))]);
  killGroup(pier, 'SIGKILL');
  await pier.exited;
}
