import { describe, expect, it } from 'vitest';
import { openSession } from '@/lib/auth/sessions';
import { FAILURE_WINDOW_MS, MAX_FAILURES } from '@/lib/auth/rate-limit';
import { TooManyRequests, Unauthorized } from '@/lib/errors';
import { POST as signIn } from '@/app/api/pier/session/route';
import { POST as issue } from '@/app/v3/auth/tokens/route';
import { createUser } from '@/lib/org/users';
import { fixedClock } from '../clock';
import { body, call, passwordAuth, request } from '../http';
import { setupWorld } from '../world';

const w = setupWorld();

const PASSWORD = 'limit-test-pass';

/** A throwaway developer in Demo, so each test locks out only its own user. */
async function throwaway(name: string) {
  await createUser(w.ctx('admin'), {
    name, displayName: '', email: '', role: 'developer', departmentId: w.departments.demo.id, password: PASSWORD, projectIds: [w.projects.alpha.id],
  });
}

const session = (name: string, password: string, peer: string) =>
  call(signIn, request('/api/pier/session', { json: { name, password }, peer }));
const keystone = (name: string, password: string, peer: string) =>
  call(issue, request('/v3/auth/tokens', { json: passwordAuth({ name, password }), peer }));

function expect429(res: Response) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retry)).toBe(true);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(60);
}

describe.each([
  ['POST /api/pier/session', session],
  ['POST /v3/auth/tokens', keystone],
])('sign-in limits on %s', (label, attempt) => {
  const tag = label.includes('session') ? 's' : 'k';

  it('per user: 10 failures get 401, the 11th attempt 429 with Retry-After, even with the right password', async () => {
    const name = `lim-user-${tag}`;
    await throwaway(name);
    // Each failure from a different address, so only the per-user limit can bite.
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await attempt(name, 'wrong-password', `10.1.${tag === 's' ? 1 : 2}.${i + 1}`);
      expect(res.status, `failure ${i + 1}`).toBe(401);
    }
    const eleventh = await attempt(name, 'wrong-password', '10.1.3.1');
    expect429(eleventh);
    const b = await body(eleventh);
    expect(JSON.stringify(b)).not.toMatch(/password is wrong/);
    expect429(await attempt(name, PASSWORD, '10.1.3.2'));
    // Other users are not affected.
    expect((await attempt('dev', w.passwords.dev, '10.1.3.3')).status).toBe(201);
  });

  it('per client address: 10 failures from one address lock that address for every user', async () => {
    const peer = tag === 's' ? '10.2.0.1' : '10.2.0.2';
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await attempt(`lim-nobody-${tag}-${i}`, 'wrong-password', peer);
      expect(res.status, `failure ${i + 1}`).toBe(401);
    }
    expect429(await attempt(`lim-nobody-${tag}-x`, 'wrong-password', peer));
    // A correct password from the locked address is refused too...
    expect429(await attempt('guest', w.passwords.guest, peer));
    // ...and accepted from another address.
    expect((await attempt('guest', w.passwords.guest, '10.2.9.9')).status).toBe(201);
  });
});

describe('sign-in limits, across surfaces and time', () => {
  it('failures on the console count for Keystone and the other way round', async () => {
    await throwaway('lim-shared');
    for (let i = 0; i < 5; i++) expect((await session('lim-shared', 'nope-nope', `10.3.0.${i + 1}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await keystone('lim-shared', 'nope-nope', `10.3.1.${i + 1}`)).status).toBe(401);
    expect429(await session('lim-shared', PASSWORD, '10.3.2.1'));
  });

  it('a user named by id in Keystone shares the limit with the same user named by name', async () => {
    await throwaway('lim-byid');
    const [row] = await w.db.query.users.findMany({ where: (u, { eq }) => eq(u.name, 'lim-byid') });
    for (let i = 0; i < MAX_FAILURES; i++) expect((await session('lim-byid', 'nope-nope', `10.4.0.${i + 1}`)).status).toBe(401);
    const byId = await call(issue, request('/v3/auth/tokens', { json: passwordAuth({ id: row.id, password: PASSWORD }), peer: '10.4.1.1' }));
    expect429(byId);
  });

  it('a burst of parallel wrong passwords gets no more than 10 tries', async () => {
    await throwaway('lim-burst');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => session('lim-burst', 'nope-nope', `10.7.0.${i + 1}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - MAX_FAILURES);
  });

  it('a success resets the per-user count', async () => {
    await throwaway('lim-reset');
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await session('lim-reset', 'nope-nope', `10.5.0.${i + 1}`)).status).toBe(401);
    expect((await session('lim-reset', PASSWORD, '10.5.1.1')).status).toBe(201);
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await session('lim-reset', 'nope-nope', `10.5.2.${i + 1}`)).status).toBe(401);
    expect((await session('lim-reset', PASSWORD, '10.5.3.1')).status).toBe(201);
  });

  it('the lockout lasts until the oldest failure leaves the one-minute window', async () => {
    await throwaway('lim-clock');
    const clock = fixedClock();
    const t0 = clock.now().getTime();
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(openSession(w.db, clock, { name: 'lim-clock', password: 'nope-nope', address: null })).rejects.toBeInstanceOf(Unauthorized);
      clock.advance(1000);
    }
    // t0 + 10 s: locked, retry when the first failure is a minute old.
    const err = await openSession(w.db, clock, { name: 'lim-clock', password: PASSWORD, address: null }).catch((e) => e);
    expect(err).toBeInstanceOf(TooManyRequests);
    expect((err as TooManyRequests).retryAfterSeconds).toBe(50);
    // Just after the first failure ages out, nine remain: a correct password works.
    clock.set(new Date(t0 + FAILURE_WINDOW_MS + 1));
    await expect(openSession(w.db, clock, { name: 'lim-clock', password: PASSWORD, address: null })).resolves.toMatchObject({ secret: expect.any(String) });
  });

  it('the client address comes from x-pier-peer-address, not from a client-sent X-Forwarded-For', async () => {
    const peer = '10.6.0.1';
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await call(signIn, request('/api/pier/session', {
        json: { name: `lim-xff-${i}`, password: 'nope-nope' }, peer, headers: { 'x-forwarded-for': `172.16.0.${i + 1}` },
      }));
      expect(res.status).toBe(401);
    }
    const res = await call(signIn, request('/api/pier/session', {
      json: { name: 'dev', password: w.passwords.dev }, peer, headers: { 'x-forwarded-for': '172.16.9.9' },
    }));
    expect429(res);
  });
});
