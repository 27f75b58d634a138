import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pierStartArgs } from './start-command';

/** A fresh database on the PostgreSQL server named by `serverUrl`; returns its URL and a drop function. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pier_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface BenchServer {
  base: string;
  /** The server process (for sampling its memory). */
  process: ChildProcess;
  store: 'PGlite (embedded)' | 'PostgreSQL (fresh database)';
}

/** Waits until `base`/readyz answers; with `child`, stops waiting as soon as that server process has exited. */
export async function waitReady(base: string, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 2400; i++) {
    if (child && child.exitCode !== null) throw new Error(`Pier exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Pier did not become ready');
}

/**
 * Runs `fn` against a Pier started with `npm start`'s entry on a throwaway
 * data directory: PGlite, or a fresh database on the PostgreSQL server named
 * by PIER_BENCH_DATABASE_URL. Everything is removed afterwards, and a failure
 * exits the bench with status 1.
 */
export function withBenchServer(opts: { port: number; password: string; env?: Record<string, string> }, fn: (s: BenchServer) => Promise<void>): void {
  const run = async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pier-bench-'));
    const pgServer = process.env.PIER_BENCH_DATABASE_URL;
    const database = pgServer ? await freshDatabase(pgServer) : null;
    // PIER_BENCH_CPU_PROF=<dir>: the server's threads write V8 CPU profiles there when it stops.
    const child = spawn(process.execPath, pierStartArgs(), {
      env: {
        ...process.env, PORT: String(opts.port), PIER_HOST: '127.0.0.1', PIER_DATA_DIR: dataDir,
        PIER_ADMIN_PASSWORD: opts.password, PIER_DEMO_PASSWORD: opts.password, DATABASE_URL: database?.url ?? '', ...opts.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const server: BenchServer = {
      base: `http://127.0.0.1:${opts.port}`,
      process: child,
      store: database ? 'PostgreSQL (fresh database)' : 'PGlite (embedded)',
    };
    console.log(`bench: store ${server.store}`);
    try {
      await waitReady(server.base);
      await fn(server);
      console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    }
  };
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

/** A token for `name` by Keystone password sign-in (`POST /v3/auth/tokens`), as the benches' clients use. */
export async function signIn(base: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${base}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password } } } } }),
  });
  const t = res.headers.get('x-subject-token');
  if (!t) throw new Error(`sign-in failed: ${res.status}`);
  return t;
}

/** `curl -F` of an archive to the ECNS upload_image endpoint (workspace `bench`, image `big`), as a browser's form posts it. */
export function curlUploadImage(base: string, token: string, archive: string, tag: string): Promise<{ code: string; body: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn('curl', ['-sS', '-w', '\n%{http_code}', '-H', `X-Auth-Token: ${token}`,
      '-F', 'harbor_project_name=bench', '-F', 'image_name=big', '-F', `tag_name=${tag}`, '-F', `image=@${archive};type=application/x-tar`,
      `${base}/api/ecns/image/images/upload_image/`]);
    let text = '';
    c.stdout.on('data', (d) => (text += d));
    c.stderr.on('data', (d) => (text += d));
    c.on('error', reject);
    c.on('exit', () => {
      const lines = text.trimEnd().split('\n');
      resolve({ code: lines.at(-1) ?? '', body: lines.slice(0, -1).join('\n') });
    });
  });
}
