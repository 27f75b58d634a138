import { expect, keystoneToken, passwords, test, uniqueName } from '../fixtures';

test('a Keystone token works as X-Auth-Token and as Authorization: Token on the ECNS organization endpoint', async ({ request }) => {
  const token = await keystoneToken(request, 'dev', passwords.demo);
  const expected = {
    domains_selector: [{ domain_name: 'Demo', domain_id: expect.any(String), projects: [{ project_name: 'alpha', project_id: expect.any(String) }] }],
  };
  const forms: Record<string, string>[] = [{ 'x-auth-token': token }, { authorization: `Token ${token}` }, { authorization: `Bearer ${token}` }];
  for (const headers of forms) {
    const res = await request.get('/api/ecns/eks/organization/', { headers });
    expect(res.status(), JSON.stringify(headers)).toBe(200);
    expect(await res.json()).toEqual(expected);
  }
  const projects = await request.get('/api/ecns/eks/projects/', { headers: { 'x-auth-token': token } });
  expect(await projects.json()).toEqual({ projects: [{ project_name: 'alpha', project_id: expect.any(String) }] });
});

test('without a token each dialect answers 401 in its own shape', async ({ request }) => {
  const ecns = await request.get('/api/ecns/eks/organization/');
  expect(ecns.status()).toBe(401);
  expect(await ecns.json()).toEqual({ error: { code: 401, title: 'Unauthorized', message: expect.any(String) } });
  const ote = await request.get('/v1/repository/images');
  expect(ote.status()).toBe(401);
  expect(await ote.json()).toEqual({ code: 401, message: expect.any(String), data: null });
  const netease = await request.get('/api/v1/namespaces/default/microservices');
  expect(netease.status()).toBe(401);
  expect(await netease.json()).toEqual({ code: expect.any(Number), msg: expect.any(String) });
  const ief = await request.get('/v3/0123456789abcdef0123456789abcdef/edgemgr/deployments');
  expect(ief.status()).toBe(401);
  expect(await ief.json()).toEqual({ error_code: expect.stringMatching(/^IEF\.1000\d\d$/), error_msg: expect.any(String) });
});

test('an admin creates a department, a project and a developer, who then sees only that project', async ({ adminApi, request }) => {
  const deptName = uniqueName('Dept');
  const dept = await adminApi.post('/api/pier/departments', { data: { name: deptName } });
  expect(dept.status()).toBe(201);
  const { id: departmentId } = await dept.json();
  const project = await adminApi.post('/api/pier/projects', { data: { departmentId, name: uniqueName('proj') } });
  expect(project.status()).toBe(201);
  const p = await project.json();
  const userName = uniqueName('e2e-dev');
  const user = await adminApi.post('/api/pier/users', {
    data: { name: userName, role: 'developer', departmentId, password: 'e2e-dev-password', projectIds: [p.id] },
  });
  expect(user.status()).toBe(201);

  const token = await keystoneToken(request, userName, 'e2e-dev-password');
  const org = await request.get('/api/ecns/eks/organization/', { headers: { authorization: `Token ${token}` } });
  expect(await org.json()).toEqual({
    domains_selector: [{ domain_name: deptName, domain_id: departmentId, projects: [{ project_name: p.name, project_id: p.id }] }],
  });
  // Demo's projects are another department's: 404, not 403.
  const demo = await request.get('/api/pier/projects', { headers: { authorization: `Bearer ${await keystoneToken(request, 'ops', passwords.demo)}` } });
  const alpha = (await demo.json()).items.find((x: { name: string }) => x.name === 'alpha');
  const hidden = await request.get(`/api/pier/projects/${alpha.id}`, { headers: { 'x-auth-token': token } });
  expect(hidden.status()).toBe(404);
});
