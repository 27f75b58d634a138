import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { E2E_PORT } from '../playwright.config';
import { killGroup, startPierAt, stopPier, waitPierReady, type Pier } from '../pier-process';
import { expect, keystoneToken, passwords, test, uniqueName } from '../fixtures';

/**
 * Issue 5: "Pier killed during a rollout finishes it after restart", with a
 * real process kill. The spec starts its own Pier (the built console, started
 * by `npm start`'s entry on a PGlite data directory of its own), has `dev`
 * request a deployment whose rollout takes a while (minReadySeconds), `ops`
 * approve it, kills Pier with SIGKILL while the request is processing or
 * deploying, starts it again on the same data directory, and checks that the
 * rollout settles on success with running = replicas and that the workload
 * was written once: same uid and generation, this request's annotation, and
 * an annotation added by hand before the kill still there (a second apply
 * replaces the whole object, so it would be gone).
 */
const PORT = Number(process.env.PIER_E2E_RESTART_PORT || E2E_PORT + 1);
const BASE = `http://127.0.0.1:${PORT}`;
const REPLICAS = 3;
const MARKER = 'e2e.pier.io/before-kill';

const started: Pier[] = [];
const startPier = (dataDir: string) => startPierAt(PORT, dataDir, started);
const waitReady = (pier: Pier) => waitPierReady(pier, BASE);

test.afterAll(async () => {
  for (const p of started) await stopPier(p);
});

test('Pier killed (SIGKILL) during a rollout finishes it after restart, writing the workload once', async () => {
  test.setTimeout(900_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pier-e2e-restart-'));
  let api: APIRequestContext | undefined;
  try {
    const first = startPier(dataDir);
    await waitReady(first);
    api = await playwrightRequest.newContext({ baseURL: BASE });
    const dev = { 'x-auth-token': await keystoneToken(api, 'dev', passwords.demo, 'alpha') };
    const ops = { 'x-auth-token': await keystoneToken(api, 'ops', passwords.demo) };
    const admin = { authorization: `Bearer ${await keystoneToken(api, 'admin', passwords.admin)}` };

    // dev: a version whose rollout takes a while (each pod counts as available only after 60 s), then the request.
    const app = uniqueName('resume');
    const created = await api.post('/v1/app', {
      headers: dev,
      data: {
        appName: app, version: '1.0', image: 'nginx:1.27', deployType: 'deployment', replicas: REPLICAS, minReplicas: 1, maxReplicas: REPLICAS,
        isHPA: false, minCPU: 10, maxCPU: 100, minMemory: 32, maxMemory: 128, port: [{ port: 80 }], volume: [], env: [], command: '',
        maxUnavailable: 0, maxSurge: 1, minReadySeconds: 60, targetCPUUtilization: 80, targetMemUtilization: 80, projectName: 'alpha',
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    const asked = await api.post('/v1/deploy', { headers: dev, data: { deployName: app, appName: app, version: '1.0', cluster: 'local', nodeLabel: '', comment: 'please' } });
    expect(asked.status(), await asked.text()).toBe(200);
    const { id, auditId, status } = (await asked.json()).data as { id: number; auditId: number; status: number };
    expect(status).toBe(0);

    // ops approves it.
    const decided = await api.put('/v1/admin/deploy', { headers: ops, data: { id: auditId, status: 1, comment: 'go' } });
    expect(decided.status(), await decided.text()).toBe(200);

    const deployment = async () => {
      const r = await api!.get(`/v1/deploy/id/${id}`, { headers: dev });
      expect(r.status()).toBe(200);
      return (await r.json()).data as { status: number; errorMessage: string; version: string };
    };
    const workloadUrl = `${BASE}/k8s/local/apis/apps/v1/namespaces/alpha/deployments/${app}`;
    type Workload = { metadata: { uid: string; generation: number; annotations?: Record<string, string> } };
    const workload = async (): Promise<Workload | null> => {
      const r = await fetch(workloadUrl, { headers: admin });
      return r.status === 200 ? ((await r.json()) as Workload) : null;
    };

    // The worker writes the Deployment (status 3) and follows it (4).
    await expect.poll(async () => (await workload())?.metadata.annotations?.['pier.io/ote-request'] ?? null, { timeout: 60_000 }).not.toBeNull();
    // A hand-made annotation: a second apply (a full replace) would drop it.
    const marked = await fetch(workloadUrl, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { [MARKER]: 'kept' } } }),
    });
    expect(marked.status).toBe(200);
    const before = (await workload())!;
    const mid = await deployment();
    expect([3, 4], `status before the kill: ${mid.status}`).toContain(mid.status);

    // SIGKILL: no shutdown handler runs, the lease (if a pass was on) stays, PGlite is left as a crash leaves it.
    killGroup(first, 'SIGKILL');
    await first.exited;
    await expect.poll(() => fetch(`${BASE}/readyz`).then(() => 'up', () => 'down')).toBe('down');

    const second = startPier(dataDir);
    await waitReady(second);
    await expect.poll(async () => (await deployment()).status, { timeout: 300_000, intervals: [2000] }).toBe(5);
    const done = await deployment();
    expect(done.version).toBe('1.0');
    expect(JSON.parse(done.errorMessage)).toEqual({ running: REPLICAS, error: 0, total: REPLICAS });

    const after = (await workload())!;
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.generation).toBe(1);
    expect(after.metadata.annotations?.['pier.io/ote-request']).toBe(before.metadata.annotations?.['pier.io/ote-request']);
    expect(after.metadata.annotations?.[MARKER]).toBe('kept');

    // The audit queue shows the request as settled on success, decided by ops.
    const queue = await api.get(`/v1/admin/deploy?pageSize=0`, { headers: ops });
    const row = ((await queue.json()).data as { id: number; status: number }[]).find((r) => r.id === auditId);
    expect(row?.status).toBe(5);

  } finally {
    await api?.dispose();
    for (const p of started) await stopPier(p);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
