import { describe, expect, it } from 'vitest';
import { issueKeystoneToken } from '@/lib/auth/keystone';
import { revokeSecret } from '@/lib/auth/tokens';
import type { TokenRequest } from '@/lib/dialects/keystone/token-request';
import { GET as organization } from '@/app/api/ecns/[productType]/organization/route';
import { GET as ecnsProjects } from '@/app/api/ecns/[productType]/projects/route';
import { GET as ecnsOther } from '@/app/api/ecns/[productType]/[...path]/route';
import { GET as ote } from '@/app/v1/[...path]/route';
import { GET as ief } from '@/app/v3/[projectId]/edgemgr/[...path]/route';
import { GET as netease } from '@/app/api/v1/[...path]/route';
import { POST as signIn } from '@/app/api/pier/session/route';
import { POST as issue } from '@/app/v3/auth/tokens/route';
import { fixedClock } from '../clock';
import { body, call, passwordAuth, request } from '../http';
import { tokenFor, setupWorld } from '../world';

const w = setupWorld();

const devOrganization = {
  domains_selector: [
    { domain_name: 'Demo', domain_id: expect.any(String), projects: [{ project_name: 'alpha', project_id: expect.any(String) }] },
  ],
};

async function keystoneSecret(name: 'dev' | 'ops', password: string): Promise<string> {
  const res = await call(issue, request('/v3/auth/tokens', { json: passwordAuth({ name, password }) }));
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
}

const org = (headers: Record<string, string>, productType = 'eks') =>
  call(organization, request(`/api/ecns/${productType}/organization/`, { headers }), { productType });

describe('a Keystone token on the ECNS organization and projects endpoints', () => {
  it.each([
    ['X-Auth-Token', (t: string) => ({ 'x-auth-token': t })],
    ['Authorization: Token', (t: string) => ({ authorization: `Token ${t}` })],
    ['Authorization: Bearer', (t: string) => ({ authorization: `Bearer ${t}` })],
  ])('is accepted as %s', async (_label, header) => {
    const t = await keystoneSecret('dev', w.passwords.dev);
    const res = await org(header(t));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual(devOrganization);
    const p = await call(ecnsProjects, request('/api/ecns/eks/projects/', { headers: header(t) }), { productType: 'eks' });
    expect(p.status).toBe(200);
    expect(await body(p)).toEqual({ projects: [{ project_name: 'alpha', project_id: w.projects.alpha.id }] });
  });

  it('the console session cookie is accepted too', async () => {
    const res = await call(signIn, request('/api/pier/session', { json: { name: 'dev', password: w.passwords.dev } }));
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toMatch(/^pier_session=/);
    const o = await org({ cookie: `theme=dark; ${cookie}` });
    expect(o.status).toBe(200);
    expect(await body(o)).toEqual(devOrganization);
    const p = await call(ecnsProjects, request('/api/ecns/eks/projects/', { headers: { cookie } }), { productType: 'eks' });
    expect(p.status).toBe(200);
    expect(await body(p)).toEqual({ projects: [{ project_name: 'alpha', project_id: w.projects.alpha.id }] });
  });

  it.each(['hybrid', 'security'])('serves product type %s', async (productType) => {
    const t = await tokenFor(w, 'dev');
    const res = await org({ 'x-auth-token': t }, productType);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual(devOrganization);
  });

  it.each(['image', 'eos', 'bogus'])('answers product type %s with 404 in ECNS shape', async (productType) => {
    const t = await tokenFor(w, 'dev');
    const res = await org({ 'x-auth-token': t }, productType);
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({ error: { code: 404, title: expect.any(String), message: expect.any(String) } });
    const p = await call(ecnsProjects, request(`/api/ecns/${productType}/projects/`, { token: t }), { productType });
    expect(p.status).toBe(404);
  });

  it('refuses an expired Keystone token with 401', async () => {
    const twoDaysAgo = fixedClock(new Date(Date.now() - 48 * 3600_000));
    const issued = await issueKeystoneToken(w.db, twoDaysAgo, passwordAuth({ name: 'dev', password: w.passwords.dev }) as TokenRequest, '203.0.113.9');
    expect(Date.parse(issued.body.token.expires_at)).toBeLessThan(Date.now());
    const res = await org({ 'x-auth-token': issued.secret });
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({ error: { code: 401, title: expect.any(String), message: expect.stringMatching(/expired/i) } });
  });

  it('refuses a token just past its expiry and accepts one just before', async () => {
    const fresh = await tokenFor(w, 'dev', { now: new Date(Date.now() - 3600_000 + 30_000), ttlMs: 3600_000 });
    expect((await org({ 'x-auth-token': fresh })).status).toBe(200);
    const stale = await tokenFor(w, 'dev', { now: new Date(Date.now() - 3600_000 - 1000), ttlMs: 3600_000 });
    expect((await org({ 'x-auth-token': stale })).status).toBe(401);
  });

  it('refuses a revoked token with 401', async () => {
    const t = await keystoneSecret('ops', w.passwords.ops);
    expect((await org({ authorization: `Token ${t}` })).status).toBe(200);
    await revokeSecret(w.db, t, new Date());
    const res = await org({ authorization: `Token ${t}` });
    expect(res.status).toBe(401);
    expect((await body(res)).error.message).toMatch(/revoked/i);
  });

  it.each([
    ['a made-up token', { 'x-auth-token': 'pier_not-a-real-token' }],
    ['a Basic authorization', { authorization: 'Basic ZGV2OmRlbW8tdGVzdC1wYXNz' }],
    ['an empty Bearer', { authorization: 'Bearer ' }],
    ['a made-up cookie', { cookie: 'pier_session=pier_nothing' }],
  ])('refuses %s with 401', async (_label, headers) => {
    expect((await org(headers)).status).toBe(401);
  });
});

describe('no token: 401 in each dialect\'s own shape', () => {
  it('ote (/v1/...): {code:401, message, data:null}', async () => {
    const res = await call(ote, request('/v1/repository/images'), { path: ['repository', 'images'] });
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({ code: 401, message: expect.any(String), data: null });
  });

  it('ief (/v3/{project_id}/edgemgr/...): {error_code:"IEF.1000xx", error_msg}', async () => {
    const projectId = w.projects.alpha.id;
    const res = await call(ief, request(`/v3/${projectId}/edgemgr/deployments`), { projectId, path: ['deployments'] });
    expect(res.status).toBe(401);
    const b = await body(res);
    expect(b).toEqual({ error_code: expect.stringMatching(/^IEF\.1000\d\d$/), error_msg: expect.any(String) });
  });

  it('netease (/api/v1/...): {code, msg}', async () => {
    const res = await call(netease, request('/api/v1/namespaces/default/microservices'), { path: ['namespaces', 'default', 'microservices'] });
    expect(res.status).toBe(401);
    const b = await body(res);
    expect(b).toEqual({ code: expect.any(Number), msg: expect.any(String) });
  });

  it('ecns (/api/ecns/...): {error:{code,title,message}}', async () => {
    for (const res of [
      await org({}),
      await call(ecnsProjects, request('/api/ecns/eks/projects/'), { productType: 'eks' }),
      await call(ecnsOther, request('/api/ecns/eks/apps/'), { productType: 'eks', path: ['apps'] }),
    ]) {
      expect(res.status).toBe(401);
      expect(await body(res)).toEqual({ error: { code: 401, title: 'Unauthorized', message: expect.any(String) } });
    }
  });

  it('with a token, each dialect answers an unserved path with its own 404, not 401', async () => {
    const t = await tokenFor(w, 'dev');
    const o = await call(ote, request('/v1/nothing', { token: t }), { path: ['nothing'] });
    expect(o.status).toBe(404);
    expect(await body(o)).toMatchObject({ code: 404, data: null });
    const n = await call(netease, request('/api/v1/nothing', { headers: { authorization: `Token ${t}` } }), { path: ['nothing'] });
    expect(n.status).toBe(404);
    expect(await body(n)).toEqual({ code: expect.any(Number), msg: expect.any(String) });
  });
});
