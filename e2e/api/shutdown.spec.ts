import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request as playwrightRequest } from '@playwright/test';
import { E2E_PORT } from '../playwright.config';
import { expect, keystoneToken, passwords, test } from '../fixtures';
import { killGroup, startPierAt, stopPier, waitPierReady, type Pier } from '../pier-process';

/**
 * Ctrl-C (SIGTERM) stops Pier even while a client holds a watch open: a
 * watch never ends by itself, and Pier used to wait for it forever. The
 * spec starts its own Pier (PGlite, its own port and data directory), opens
 * a pod watch on the simulated cluster, sends SIGTERM to the process group,
 * and expects the watch's connection to be closed and Pier to exit by
 * itself with code 0 after draining, not by its last-resort exit.
 */
const PORT = Number(process.env.PIER_E2E_SHUTDOWN_PORT || E2E_PORT + 2);
const BASE = `http://127.0.0.1:${PORT}`;
const started: Pier[] = [];

test.afterAll(async () => {
  for (const p of started) await stopPier(p);
});

test('SIGTERM with a watch open closes the watch and stops Pier', async () => {
  test.setTimeout(600_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pier-e2e-shutdown-'));
  try {
    const pier = startPierAt(PORT, dataDir, started);
    await waitPierReady(pier, BASE);
    const api = await playwrightRequest.newContext({ baseURL: BASE });
    const token = await keystoneToken(api, 'admin', passwords.admin);
    await api.dispose();

    const watch = await fetch(`${BASE}/k8s/local/api/v1/pods?watch=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(watch.status).toBe(200);
    const reader = watch.body!.getReader();
    // The watch stays open until the server closes it: read it to its end in the background.
    const ended = (async () => {
      try {
        while (!(await reader.read()).done);
        return 'ended';
      } catch {
        return 'closed';
      }
    })();

    killGroup(pier, 'SIGTERM');
    // A bound for the wait, not a speed claim: without the drain Pier never exited here.
    await expect.poll(() => pier.child.exitCode, { timeout: 60_000, intervals: [500] }).not.toBeNull();
    expect(pier.child.exitCode).toBe(0);
    expect(await ended).toMatch(/ended|closed/);
    expect(pier.output.join('')).not.toContain('stopping took over');
  } finally {
    for (const p of started) await stopPier(p);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
