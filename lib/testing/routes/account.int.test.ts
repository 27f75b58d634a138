import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, tokens } from '@/db/schema';
import { hashSecret } from '@/lib/auth/secrets';
import { createUser } from '@/lib/org/users';
import { DELETE as signOut, POST as signIn } from '@/app/api/pier/session/route';
import { GET as me } from '@/app/api/pier/me/route';
import { POST as changePassword } from '@/app/api/pier/me/password/route';
import { GET as listTokens, POST as createToken } from '@/app/api/pier/me/tokens/route';
import { DELETE as revokeToken } from '@/app/api/pier/me/tokens/[id]/route';
import { tableCounts } from '../db';
import { body, call, request } from '../http';
import { tokenFor, setupWorld } from '../world';

const w = setupWorld();

async function newUser(name: string, password: string) {
  await createUser(w.ctx('admin'), {
    name, displayName: '', email: '', role: 'developer', departmentId: w.departments.demo.id, password, projectIds: [],
  });
}

async function session(name: string, password: string): Promise<{ res: Response; cookie: string }> {
  const res = await call(signIn, request('/api/pier/session', { json: { name, password }, peer: '10.9.0.1' }));
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, cookie: setCookie.split(';')[0] };
}

const whoAmI = async (headers: Record<string, string>) => call(me, request('/api/pier/me', { headers }));

describe('console sessions', () => {
  it('sign-in sets an HttpOnly, SameSite=Lax session cookie for the whole site', async () => {
    const { res } = await session('dev', w.passwords.dev);
    expect(res.status).toBe(201);
    const setCookie = res.headers.get('set-cookie')!;
    const attrs = setCookie.split(';').map((s) => s.trim().toLowerCase());
    expect(attrs[0]).toMatch(/^pier_session=.{20,}/);
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain('path=/');
    const expires = attrs.find((a) => a.startsWith('expires='));
    expect(expires).toBeDefined();
    expect(Date.parse(setCookie.split(/expires=/i)[1].split(';')[0])).toBeGreaterThan(Date.now());
    expect((await body(res)).expiresAt).toEqual(expect.any(String));
  });

  it('a wrong password gets 401 and no cookie', async () => {
    const { res } = await session('dev', 'wrong-password');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await body(res)).error).toMatchObject({ code: 401 });
  });

  it('sign-in validates its body: unknown fields 400, wrong content type 415, nothing written', async () => {
    const before = await tableCounts(w.db);
    const extra = await call(signIn, request('/api/pier/session', { json: { name: 'dev', password: 'x', remember: true } }));
    expect(extra.status).toBe(400);
    expect((await body(extra)).error.fields).toHaveProperty('remember');
    const text = await call(signIn, request('/api/pier/session', { method: 'POST', body: 'name=dev', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(text.status).toBe(415);
    expect(await tableCounts(w.db)).toEqual(before);
  });

  it('sign-out revokes the session and clears the cookie', async () => {
    const { cookie } = await session('dev', w.passwords.dev);
    expect((await whoAmI({ cookie })).status).toBe(200);
    const out = await call(signOut, request('/api/pier/session', { method: 'DELETE', headers: { cookie } }));
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^pier_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect((await whoAmI({ cookie })).status).toBe(401);
  });

  it('a disabled user\'s existing tokens stop working', async () => {
    await newUser('to-disable', 'disable-me-pass');
    const { cookie } = await session('to-disable', 'disable-me-pass');
    expect((await whoAmI({ cookie })).status).toBe(200);
    const { updateUser } = await import('@/lib/org/users');
    const [{ id }] = await w.db.query.users.findMany({ where: (u, { eq: e }) => e(u.name, 'to-disable') });
    await updateUser(w.ctx('admin'), id, { disabled: true });
    expect((await whoAmI({ cookie })).status).toBe(401);
    expect((await session('to-disable', 'disable-me-pass')).res.status).toBe(401);
  });
});

describe('personal API tokens', () => {
  it('the created secret works as a bearer token, is shown once and stored only hashed', async () => {
    const { cookie } = await session('dev', w.passwords.dev);
    const res = await call(createToken, request('/api/pier/me/tokens', { json: { name: 'ci', expiresInDays: 30 }, headers: { cookie } }));
    expect(res.status).toBe(201);
    const t = await body(res);
    expect(t).toMatchObject({ id: expect.any(String), name: 'ci', secret: expect.any(String), expiresAt: expect.any(String) });
    const days = (Date.parse(t.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const who = await whoAmI({ authorization: `Bearer ${t.secret}` });
    expect(who.status).toBe(200);
    expect(await body(who)).toMatchObject({ name: 'dev' });

    // Not in the store in clear: no column of any token row, nor any audit row, holds it.
    const rows = await w.db.select().from(tokens);
    expect(JSON.stringify(rows)).not.toContain(t.secret);
    const [row] = rows.filter((r) => r.id === t.id);
    expect(row.secretHash).toBe(hashSecret(t.secret));
    expect(row.secretHash).not.toBe(t.secret);
    expect(JSON.stringify(await w.db.select().from(auditLog))).not.toContain(t.secret);

    // Nor in the list.
    const list = await call(listTokens, request('/api/pier/me/tokens', { headers: { cookie } }));
    const text = await list.text();
    expect(text).toContain(t.id);
    expect(text).not.toContain(t.secret);
  });

  it('revoked: 401; revoking twice or someone else\'s: 404', async () => {
    const devToken = await tokenFor(w, 'dev');
    const created = await body(await call(createToken, request('/api/pier/me/tokens', { json: { name: 'short-lived', expiresInDays: 1 }, token: devToken })));
    expect((await whoAmI({ authorization: `Token ${created.secret}` })).status).toBe(200);
    const opsToken = await tokenFor(w, 'ops');
    const theirs = await call(revokeToken, request(`/api/pier/me/tokens/${created.id}`, { method: 'DELETE', token: opsToken }), { id: created.id });
    expect(theirs.status).toBe(404);
    const del = await call(revokeToken, request(`/api/pier/me/tokens/${created.id}`, { method: 'DELETE', token: devToken }), { id: created.id });
    expect(del.status).toBe(204);
    expect((await whoAmI({ authorization: `Token ${created.secret}` })).status).toBe(401);
    expect((await whoAmI({ 'x-auth-token': created.secret })).status).toBe(401);
    const again = await call(revokeToken, request(`/api/pier/me/tokens/${created.id}`, { method: 'DELETE', token: devToken }), { id: created.id });
    expect(again.status).toBe(404);
    const audits = await w.db.select().from(auditLog).where(eq(auditLog.resourceId, created.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'revoke']);
  });

  it.each([
    [{ name: '', expiresInDays: 1 }, 'name'],
    [{ name: 'x', expiresInDays: 0 }, 'expiresInDays'],
    [{ name: 'x', expiresInDays: 366 }, 'expiresInDays'],
    [{ name: 'x', expiresInDays: 1.5 }, 'expiresInDays'],
    [{ name: 'x' }, 'expiresInDays'],
    [{ name: 'x', expiresInDays: 1, scope: 'all' }, 'scope'],
  ])('refuses %j with 400 naming %s', async (json, field) => {
    const t = await tokenFor(w, 'dev');
    const before = await tableCounts(w.db);
    const res = await call(createToken, request('/api/pier/me/tokens', { json, token: t }));
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields)).toContain(field);
    expect(await tableCounts(w.db)).toEqual(before);
  });
});

describe('password change', () => {
  it('signs out the other sessions, keeps the current one, and the new password works', async () => {
    await newUser('pw-changer', 'first-password');
    const a = await session('pw-changer', 'first-password');
    const b = await session('pw-changer', 'first-password');
    expect((await whoAmI({ cookie: b.cookie })).status).toBe(200);

    const res = await call(changePassword, request('/api/pier/me/password', { json: { current: 'first-password', next: 'second-password' }, headers: { cookie: a.cookie } }));
    expect(res.status).toBe(204);
    expect((await whoAmI({ cookie: a.cookie })).status).toBe(200);
    expect((await whoAmI({ cookie: b.cookie })).status).toBe(401);
    expect((await session('pw-changer', 'first-password')).res.status).toBe(401);
    expect((await session('pw-changer', 'second-password')).res.status).toBe(201);
    const audits = await w.db.select().from(auditLog).where(eq(auditLog.action, 'change-password'));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toMatch(/first-password|second-password/);
  });

  it('a wrong current password: 400 naming "current", nothing changes', async () => {
    await newUser('pw-wrong', 'first-password');
    const a = await session('pw-wrong', 'first-password');
    const before = await tableCounts(w.db);
    const res = await call(changePassword, request('/api/pier/me/password', { json: { current: 'not-it-at-all', next: 'second-password' }, headers: { cookie: a.cookie } }));
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields).toHaveProperty('current');
    expect(await tableCounts(w.db)).toEqual(before);
    expect((await session('pw-wrong', 'first-password')).res.status).toBe(201);
  });

  it('a too-short or unchanged new password: 400 naming "next"', async () => {
    const t = await tokenFor(w, 'guest');
    for (const next of ['short', w.passwords.guest]) {
      const res = await call(changePassword, request('/api/pier/me/password', { json: { current: w.passwords.guest, next }, token: t }));
      expect(res.status).toBe(400);
      expect((await body(res)).error.fields).toHaveProperty('next');
    }
  });
});
