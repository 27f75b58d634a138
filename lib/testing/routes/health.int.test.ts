import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@/db/client';
import { readiness } from '@/lib/health';
import { GET as healthz } from '@/app/healthz/route';
import { GET as readyz } from '@/app/readyz/route';
import { body } from '../http';
import { setupWorld } from '../world';

const w = setupWorld();
const shipped = (JSON.parse(readFileSync(path.join(process.cwd(), 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe('health', () => {
  it('/healthz: 200 ok', async () => {
    const res = await healthz();
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ status: 'ok' });
  });

  it('/readyz: 200, store ok, every shipped migration applied', async () => {
    const res = await readyz();
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ ready: true, store: 'ok', driver: w.store.driver, migrations: { shipped, applied: shipped } });
    expect(shipped).toBeGreaterThan(0);
  });

  it('not ready on a store without migrations', async () => {
    const bare = await openStore({ url: 'memory://' });
    try {
      const r = await readiness(async () => bare);
      expect(r).toEqual({ ready: false, store: 'ok', driver: 'pglite', migrations: { shipped, applied: 0 } });
    } finally {
      await bare.close();
    }
  });

  it('not ready when the store is unreachable', async () => {
    const r = await readiness(() => Promise.reject(new Error('connection refused')));
    expect(r).toEqual({ ready: false, store: 'unreachable', driver: null, migrations: null });
  });
});
