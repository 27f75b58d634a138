/** Test helpers: temp dirs, skopeo as the independent client, refusal checks. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { Invalid } from '@/lib/errors';

const run = promisify(execFile);

export const SKOPEO = '/usr/bin/skopeo';

/**
 * These files touch no database; the integration-pg project would only run
 * them a second time, so they run under the PGlite project alone.
 */
export const onlyOnce = process.env.PIER_TEST_STORE === 'pg';

export async function tempDir(prefix: string): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `pier-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function skopeo(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(SKOPEO, ['--insecure-policy', ...args], { maxBuffer: 16 << 20 });
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
}

/** Runs skopeo and returns its failure (or null when it succeeded). */
export async function skopeoFails(...args: string[]): Promise<string | null> {
  try {
    await run(SKOPEO, ['--insecure-policy', ...args]);
    return null;
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  }
}

export async function expectInvalid(p: Promise<unknown>, field: string, reason?: RegExp): Promise<Invalid> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Invalid);
  const inv = err as Invalid;
  expect(Object.keys(inv.fields)).toEqual([field]);
  if (reason) expect(inv.fields[field]).toMatch(reason);
  return inv;
}

/** Every file under `dir`, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return out.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name))).sort();
}
