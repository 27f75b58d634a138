import { expect, test, uniqueName } from '../fixtures';

/*
 * The only spec that fails sign-ins on purpose. Everything in the e2e run
 * comes from 127.0.0.1, and 10 failures lock that address for a minute, so
 * this spec waits the window out afterwards: whatever runs next (the browser
 * specs sign in from the same address) is not locked out.
 */
test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  test.setTimeout(90_000);
  await new Promise((r) => setTimeout(r, 61_000));
});

test('10 failed sign-ins get 401, the 11th 429 with Retry-After, and then even the right password is refused', async ({ adminApi, request }) => {
  test.setTimeout(150_000);
  const name = uniqueName('e2e-lock');
  const created = await adminApi.post('/api/pier/users', {
    data: { name, role: 'visitor', departmentId: (await (await adminApi.get('/api/pier/departments')).json()).items[0].id, password: 'lock-right-pass' },
  });
  expect(created.status()).toBe(201);

  for (let i = 1; i <= 10; i++) {
    const path = i % 2 ? '/api/pier/session' : '/v3/auth/tokens';
    const data = i % 2
      ? { name, password: `wrong-${i}` }
      : { auth: { identity: { methods: ['password'], password: { user: { name, password: `wrong-${i}` } } } } };
    const res = await request.post(path, { data });
    expect(res.status(), `failure ${i} on ${path}`).toBe(401);
  }
  const eleventh = await request.post('/api/pier/session', { data: { name, password: 'wrong-11' } });
  expect(eleventh.status()).toBe(429);
  const retry = Number(eleventh.headers()['retry-after']);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(60);

  const right = await request.post('/v3/auth/tokens', {
    data: { auth: { identity: { methods: ['password'], password: { user: { name, password: 'lock-right-pass' } } } } },
  });
  expect(right.status()).toBe(429);
  expect(right.headers()['retry-after']).toBeTruthy();
  expect(await right.json()).toEqual({ error: { code: 429, title: expect.any(String), message: expect.any(String) } });
});
