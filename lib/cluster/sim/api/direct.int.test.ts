import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { GZIP_MIN_BYTES } from '@/lib/http/node/send-text';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { revokeSecret } from '@/lib/auth/tokens';
import { systemClock } from '@/lib/context';
import { findKind } from '../kinds';
import { seedLocalCluster } from '../seed';
import { createObject, writeBatch, type Sim } from '../store';

/**
 * The /k8s/ path as Pier's Node server answers it (node-entry.ts), over a
 * real socket: lists written as text with their length, gzipped as the
 * apiserver does (from 128 KiB, when the client accepts gzip) unless the
 * client is on this machine, and the token check that remembers a verified
 * token.
 */
const w = setupWorld();
let server: SimServer;
let token = '';
const CONFIGMAPS = findKind('', 'v1', 'configmaps')!;

beforeAll(async () => {
  const { clusterId } = await seedLocalCluster(w.db, new Date());
  server = await startSimServer();
  token = await tokenFor(w, 'admin');
  // 60 ConfigMaps of 4 KiB: their list is well over the gzip threshold.
  const s: Sim = { db: w.db, clock: systemClock, clusterId };
  await writeBatch(s, async (b) => {
    for (let i = 0; i < 60; i++) {
      await createObject(b, CONFIGMAPS, 'default', { metadata: { name: `big-${String(i).padStart(2, '0')}`, labels: { size: 'big' } }, data: { v: 'x'.repeat(4096) } });
    }
  });
});
afterAll(async () => {
  await server?.close();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A GET with exactly the headers given (fetch would add Accept-Encoding and decompress). */
function get(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const auth = () => ({ authorization: `Bearer ${token}` });
const BIG = '/k8s/local/api/v1/namespaces/default/configmaps?labelSelector=size%3Dbig';

describe('lists on the direct path', () => {
  it('a large list to a client on this machine is sent plain, by default, even when it accepts gzip', async () => {
    const local = await get(BIG, { ...auth(), 'accept-encoding': 'gzip' });
    expect(local.status).toBe(200);
    expect(local.headers['content-encoding']).toBeUndefined();
    expect(Number(local.headers['content-length'])).toBe(local.bytes.length);
    expect(JSON.parse(local.bytes.toString('utf8')).items).toHaveLength(60);
  });

  it('a large list is gzipped for a client that accepts gzip (PIER_K8S_GZIP=on: as for a remote client), with its length; plain for one that does not', async () => {
    process.env.PIER_K8S_GZIP = 'on';
    onTestFinished(() => {
      delete process.env.PIER_K8S_GZIP;
    });
    const plain = await get(BIG, { ...auth(), 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(plain.headers['content-length'])).toBe(plain.bytes.length);
    expect(plain.bytes.length).toBeGreaterThanOrEqual(GZIP_MIN_BYTES);
    const list = JSON.parse(plain.bytes.toString('utf8'));
    expect(list).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: expect.stringMatching(/^\d+$/) } });
    expect(list.items).toHaveLength(60);

    const zipped = await get(BIG, { ...auth(), 'accept-encoding': 'gzip, deflate' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.bytes.length);
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 4);
    expect(JSON.parse(gunzipSync(zipped.bytes).toString('utf8'))).toEqual(list);

    const refused = await get(BIG, { ...auth(), 'accept-encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.bytes.toString('utf8'))).toEqual(list);
  });

  it('a small list is never gzipped', async () => {
    process.env.PIER_K8S_GZIP = 'on';
    onTestFinished(() => {
      delete process.env.PIER_K8S_GZIP;
    });
    const small = await get('/k8s/local/api/v1/namespaces/default/configmaps?limit=1', { ...auth(), 'accept-encoding': 'gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(Number(small.headers['content-length'])).toBe(small.bytes.length);
    expect(JSON.parse(small.bytes.toString('utf8')).items).toHaveLength(1);
  });

  it('errors keep the Status shape', async () => {
    const none = await get(BIG, {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.bytes.toString('utf8'))).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
    const bad = await get('/k8s/local/api/v1/namespaces/default/configmaps?limit=x', auth());
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bytes.toString('utf8'))).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest' });
  });
});

describe('the token check', () => {
  it('a token revoked through revokeSecret is refused on the next request, although it was just remembered', async () => {
    const t = await tokenFor(w, 'admin');
    expect((await get('/k8s/local/api/v1/namespaces/default/configmaps?limit=1', { authorization: `Bearer ${t}` })).status).toBe(200);
    await revokeSecret(w.db, t, new Date());
    const after = await get('/k8s/local/api/v1/namespaces/default/configmaps?limit=1', { authorization: `Bearer ${t}` });
    expect(after.status).toBe(401);
    expect(JSON.parse(after.bytes.toString('utf8'))).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
  });
});
