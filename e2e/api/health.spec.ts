import { expect, test } from '../fixtures';

test('/healthz answers ok', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

test('/readyz: the store is reachable and every migration applied', async ({ request }) => {
  const res = await request.get('/readyz');
  expect(res.status()).toBe(200);
  const b = await res.json();
  expect(b).toMatchObject({ ready: true, store: 'ok', driver: 'pglite' });
  expect(b.migrations.applied).toBe(b.migrations.shipped);
  expect(b.migrations.shipped).toBeGreaterThan(0);
});
