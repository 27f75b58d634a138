import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { GET } from '@/app/api/pier/clusters/[name]/kubeconfig/route';
import { auditLog, tokens } from '@/db/schema';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { ensureTls } from '@/lib/tls/certs';
import { GET as K8S_GET } from '@/app/k8s/[cluster]/[...path]/route';
import { seedLocalCluster } from '../seed';

const w = setupWorld();
const dir = mkdtempSync(path.join(os.tmpdir(), 'pier-kubeconfig-'));
let ca = '';

beforeAll(async () => {
  vi.stubEnv('PIER_DATA_DIR', dir);
  vi.stubEnv('PIER_TLS_CERT', '');
  vi.stubEnv('PIER_TLS_KEY', '');
  ca = ensureTls(dir).ca!;
  await seedLocalCluster(w.db, new Date());
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const download = (token: string, cluster = 'local') =>
  call(GET, request(`/api/pier/clusters/${cluster}/kubeconfig`, { token, headers: { host: 'pier.example:3000' } }), { name: cluster });

describe('GET /api/pier/clusters/<name>/kubeconfig', () => {
  it('gives a kubeconfig with the HTTPS server, the CA and a new audited token that the cluster API accepts', async () => {
    const res = await download(await tokenFor(w, 'admin'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    const cfg = parse(await res.text());
    expect(cfg).toMatchObject({ apiVersion: 'v1', kind: 'Config', 'current-context': 'admin@local' });
    expect(cfg.clusters[0]).toEqual({
      name: 'local',
      cluster: { server: 'https://pier.example:3000/k8s/local', 'certificate-authority-data': Buffer.from(ca).toString('base64') },
    });
    const secret: string = cfg.users[0].user.token;
    expect(secret).toMatch(/\S{20,}/);

    const rows = await w.db.select().from(tokens).where(and(eq(tokens.userId, w.users.admin.id), eq(tokens.name, 'kubectl local')));
    expect(rows).toHaveLength(1);
    expect(rows[0].kind).toBe('personal');
    const audit = await w.db.select().from(auditLog).where(eq(auditLog.resourceId, rows[0].id));
    expect(audit).toMatchObject([{ action: 'create', resourceType: 'token', resourceName: 'kubectl local', actorName: 'admin' }]);

    const nodes = await call(K8S_GET, request('/k8s/local/api/v1/nodes', { headers: { authorization: `Bearer ${secret}` } }),
      { cluster: 'local', path: ['api', 'v1', 'nodes'] });
    expect(nodes.status).toBe(200);
    expect((await body(nodes)).kind).toBe('NodeList');
  });

  it('404 in the console dialect for an unknown cluster, and no token is issued', async () => {
    const before = await w.db.select().from(tokens).where(eq(tokens.userId, w.users.ops.id));
    const res = await download(await tokenFor(w, 'ops'), 'nope');
    expect(res.status).toBe(404);
    expect(await body(res)).toMatchObject({ error: { code: 404, reason: 'not_found' } });
    const after = await w.db.select().from(tokens).where(eq(tokens.userId, w.users.ops.id));
    expect(after.length).toBe(before.length + 1); // only the session token tokenFor issued
  });

  it('401 without a credential', async () => {
    const res = await call(GET, request('/api/pier/clusters/local/kubeconfig'), { name: 'local' });
    expect(res.status).toBe(401);
  });
});
