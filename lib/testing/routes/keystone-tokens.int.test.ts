import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, tokens } from '@/db/schema';
import { hashSecret } from '@/lib/auth/secrets';
import { POST as issue } from '@/app/v3/auth/tokens/route';
import { tableCounts } from '../db';
import { body, call, passwordAuth, request } from '../http';
import { setupWorld } from '../world';

const w = setupWorld();

const post = (json: unknown, peer = '198.51.100.1') => call(issue, request('/v3/auth/tokens', { json, peer }));

function expectKeystoneError(b: unknown, code: number) {
  expect(b).toEqual({ error: { code, title: expect.any(String), message: expect.any(String) } });
}

describe('POST /v3/auth/tokens', () => {
  it('issues a token by user name and domain: 201, X-Subject-Token, Keystone body', async () => {
    const res = await post(passwordAuth({ name: 'dev', password: w.passwords.dev, domain: { name: 'Demo' } }));
    expect(res.status).toBe(201);
    const secret = res.headers.get('x-subject-token');
    expect(secret).toMatch(/^\S{20,}$/);
    const b = await body(res);
    expect(b).toEqual({
      token: {
        methods: ['password'],
        issued_at: expect.any(String),
        expires_at: expect.any(String),
        user: { id: w.users.dev.id, name: 'dev', domain: { id: w.departments.demo.id, name: 'Demo' } },
        roles: [expect.objectContaining({ name: 'developer' })],
      },
    });
    expect(b.token.project).toBeUndefined();
    const issued = Date.parse(b.token.issued_at);
    const expires = Date.parse(b.token.expires_at);
    expect(Number.isNaN(issued)).toBe(false);
    expect(expires).toBeGreaterThan(issued);
    expect(Math.abs(issued - Date.now())).toBeLessThan(60_000);
    // Stored hashed, tied to dev, and the issue is audited.
    const [row] = await w.db.select().from(tokens).where(eq(tokens.secretHash, hashSecret(secret!)));
    expect(row).toMatchObject({ userId: w.users.dev.id, kind: 'keystone', projectId: null });
    const audits = await w.db.select().from(auditLog).where(eq(auditLog.resourceId, row.id));
    expect(audits).toEqual([expect.objectContaining({ action: 'issue-token', actorId: w.users.dev.id, source: 'keystone' })]);
  });

  it('issues a token by user id', async () => {
    const res = await post(passwordAuth({ id: w.users.ops.id, password: w.passwords.ops }));
    expect(res.status).toBe(201);
    const b = await body(res);
    expect(b.token.user).toMatchObject({ id: w.users.ops.id, name: 'ops' });
    expect(b.token.roles).toEqual([expect.objectContaining({ name: 'admin' })]);
  });

  it('puts the system admin in the Default domain', async () => {
    const res = await post(passwordAuth({ name: 'admin', password: w.passwords.admin, domain: { name: 'Default' } }));
    expect(res.status).toBe(201);
    expect((await body(res)).token.user.domain).toEqual({ id: 'default', name: 'Default' });
  });

  it('scopes to a project by name', async () => {
    const res = await post(passwordAuth({ name: 'dev', password: w.passwords.dev, project: { name: 'alpha' } }));
    expect(res.status).toBe(201);
    const b = await body(res);
    expect(b.token.project).toEqual({ id: w.projects.alpha.id, name: 'alpha', domain: { id: w.departments.demo.id, name: 'Demo' } });
    const [row] = await w.db.select().from(tokens).where(eq(tokens.secretHash, hashSecret(res.headers.get('x-subject-token')!)));
    expect(row.projectId).toBe(w.projects.alpha.id);
  });

  it('scopes to a project by id', async () => {
    const res = await post(passwordAuth({ name: 'ops', password: w.passwords.ops, project: { id: w.projects.beta.id } }));
    expect(res.status).toBe(201);
    expect((await body(res)).token.project).toMatchObject({ id: w.projects.beta.id, name: 'beta' });
  });

  it.each([
    ['a project of the same department the user is not a member of', 'dev', { name: 'beta' }],
    ['another department\'s project by id', 'ops', 'gamma'],
    ['a project that does not exist', 'dev', { name: 'no-such-project' }],
  ] as const)('refuses a scope to %s with 401', async (_label, who, project) => {
    const p = project === 'gamma' ? { id: w.projects.gamma.id } : project;
    const before = await w.db.select().from(tokens);
    const res = await post(passwordAuth({ name: who, password: w.passwords[who], project: p }));
    expect(res.status).toBe(401);
    expectKeystoneError(await body(res), 401);
    expect(res.headers.get('x-subject-token')).toBeNull();
    expect(await w.db.select().from(tokens)).toHaveLength(before.length);
  });

  it.each([
    ['a wrong password', { name: 'guest', password: 'not-the-password' }],
    ['an unknown user', { name: 'nobody-here', password: 'whatever-pass' }],
    ['an unknown user id', { id: '0123456789abcdef0123456789abcdef', password: 'whatever-pass' }],
    ['the wrong domain name', { name: 'guest', password: 'demo-test-pass', domain: { name: 'Other' } }],
    ['the wrong domain id', { name: 'guest', password: 'demo-test-pass', domain: { id: 'default' } }],
  ])('answers %s with 401 in Keystone shape and issues nothing', async (_label, creds) => {
    const before = await tableCounts(w.db);
    const res = await post(passwordAuth(creds), '198.51.100.2');
    expect(res.status).toBe(401);
    expectKeystoneError(await body(res), 401);
    expect(res.headers.get('x-subject-token')).toBeNull();
    const after = await tableCounts(w.db);
    expect(after.tokens).toBe(before.tokens);
    expect(after.auditLog).toBe(before.auditLog);
  });

  describe('bad input gets 4xx naming the problem and changes nothing', () => {
    const good = () => passwordAuth({ name: 'dev', password: 'demo-test-pass' });

    async function refused(req: Request, status: number) {
      const before = await tableCounts(w.db);
      const res = await call(issue, req);
      expect(res.status).toBe(status);
      const b = await body(res);
      expectKeystoneError(b, status);
      expect(await tableCounts(w.db)).toEqual(before);
      return b.error.message as string;
    }

    it('malformed JSON: 400', async () => {
      const msg = await refused(request('/v3/auth/tokens', { method: 'POST', body: '{"auth": ', headers: { 'content-type': 'application/json' } }), 400);
      expect(msg).toMatch(/json/i);
    });

    it('wrong content type: 415', async () => {
      await refused(request('/v3/auth/tokens', { method: 'POST', body: JSON.stringify(good()), headers: { 'content-type': 'text/plain' } }), 415);
      await refused(request('/v3/auth/tokens', { method: 'POST', body: JSON.stringify(good()) }), 415);
    });

    it('an unknown field: 400 naming it', async () => {
      const b = good() as { auth: { identity: Record<string, unknown> } };
      b.auth.identity.totp = { code: '1' };
      expect(await refused(request('/v3/auth/tokens', { json: b }), 400)).toContain('auth.identity.totp');
      const top = { ...good(), extra: 1 };
      expect(await refused(request('/v3/auth/tokens', { json: top }), 400)).toContain('extra');
    });

    it('a missing password: 400 naming it', async () => {
      const msg = await refused(request('/v3/auth/tokens', { json: { auth: { identity: { methods: ['password'], password: { user: { name: 'dev' } } } } } }), 400);
      expect(msg).toContain('auth.identity.password.user.password');
    });

    it('both user.id and user.name: 400', async () => {
      await refused(request('/v3/auth/tokens', { json: passwordAuth({ id: w.users.dev.id, name: 'dev', password: 'demo-test-pass' }) }), 400);
    });

    it('methods other than ["password"]: 400', async () => {
      for (const methods of [['token'], ['password', 'password'], [], ['password', 'totp']]) {
        const b = good();
        b.auth.identity.methods = methods;
        const msg = await refused(request('/v3/auth/tokens', { json: b }), 400);
        expect(msg).toContain('auth.identity.methods');
      }
    });

    it('an oversized body: 413', async () => {
      const b = { ...good(), padding: 'x'.repeat(1_100_000) };
      await refused(request('/v3/auth/tokens', { json: b }), 413);
      // Without a content-length the stream is cut at the limit too.
      const stream = new ReadableStream({
        start(c) {
          const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
          for (let i = 0; i < 20; i++) c.enqueue(chunk);
          c.close();
        },
      });
      const req = new Request('http://pier.test/v3/auth/tokens', {
        method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half',
      } as RequestInit);
      await refused(req, 413);
    });
  });
});
