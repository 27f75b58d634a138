import { expect, passwords, sessionCookieOf, test } from '../fixtures';

test('sign-in sets an HttpOnly, SameSite=Lax session cookie; sign-out ends the session', async ({ request, playwright, baseURL }) => {
  const res = await request.post('/api/pier/session', { data: { name: 'admin', password: passwords.admin } });
  expect(res.status()).toBe(201);
  const raw = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie')!.value;
  const attrs = raw.split(';').map((s) => s.trim().toLowerCase());
  expect(attrs[0]).toMatch(/^pier_session=.{20,}/);
  expect(attrs).toContain('httponly');
  expect(attrs).toContain('samesite=lax');
  expect(attrs).toContain('path=/');

  const cookie = sessionCookieOf(res);
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  const me = await api.get('/api/pier/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ name: 'admin', role: 'system_admin' });

  expect((await api.delete('/api/pier/session')).status()).toBe(204);
  expect((await api.get('/api/pier/me')).status()).toBe(401);
  await api.dispose();
});

test('a client cannot choose its own address for the sign-in limits', async ({ request }) => {
  // The server overwrites x-pier-peer-address from the socket: a forged one is ignored, the sign-in works.
  const res = await request.post('/api/pier/session', {
    data: { name: 'admin', password: passwords.admin },
    headers: { 'x-pier-peer-address': '203.0.113.1' },
  });
  expect(res.status()).toBe(201);
});
