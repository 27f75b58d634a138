import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { GET as listApps, POST as createApp, DELETE as deleteApps } from '@/app/v1/app/route';
import { GET as getApp } from '@/app/v1/app/id/[appId]/route';
import { POST as uploadChart } from '@/app/v1/app/chart/route';
import { apps, appVersions, auditLog } from '@/db/schema';
import { BASE, body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { tar } from '@/lib/registry/testing/archives';
import { appBody, chartPackage, multipart } from './testing/fixtures';

const w = setupWorld();
const tok = (who: UserName) => tokenFor(w, who);

async function create(who: UserName, json: unknown) {
  return call(createApp, request('/v1/app', { token: await tok(who), json }));
}

async function counts() {
  const [[a], [v], [l]] = await Promise.all([
    w.db.select({ n: count() }).from(apps),
    w.db.select({ n: count() }).from(appVersions),
    w.db.select({ n: count() }).from(auditLog),
  ]);
  return { apps: a.n, versions: v.n, audit: l.n };
}

async function list(who: UserName, query = '') {
  return body(await call(listApps, request(`/v1/app${query}`, { token: await tok(who) })));
}

async function upload(who: UserName, fields: Record<string, string>, chart?: Buffer) {
  const m = multipart(fields, chart ? { field: 'chart', name: 'web-0.1.0.tgz', body: chart } : undefined);
  const headers = new Headers({ 'content-type': m.contentType, 'x-auth-token': await tok(who), 'x-pier-peer-address': '192.0.2.10' });
  return call(uploadChart, new Request(`${BASE}/v1/app/chart`, { method: 'POST', headers, body: new Uint8Array(m.body) }));
}

describe('POST /v1/app', () => {
  it('takes the seed example and answers the seed envelope; CPU shows in cores', async () => {
    const res = await create('dev', appBody());
    expect(res.status).toBe(200);
    const b = await body(res);
    expect(b).toMatchObject({ code: 200, message: 'success' });
    const l = await list('dev', '?appName=nginx1&appNameMode=strict');
    expect(l).toMatchObject({ code: 200, total: 1 });
    expect(l.apps[0]).toMatchObject({
      appName: 'nginx1', version: '1.2', deployType: 'deployment', image: 'nginx:latest', projectName: 'alpha', repositoryId: 'repo1',
      replicas: 10, minReplicas: 2, maxReplicas: 20, minCPU: 0.1, maxCPU: 2, GPU: 0, isHPA: true, status: 1,
      port: [{ port: 8080, hostPort: 9090 }], env: [{ name: 'NGINX_PATH', value: '/usr/share/nginx/' }], dependence: [],
      targetCPUUtilization: 100, targetMemUtilization: 150, minMemory: 100, maxMemory: 200, maxUnavailable: 1, maxSurge: 1, minReadySeconds: 10,
    });
    expect(typeof l.apps[0].id).toBe('number');
    expect(typeof l.apps[0].createTime).toBe('number');
  });

  it('adds a version under the same name; the same name and version is 409 and changes nothing', async () => {
    expect((await create('dev', appBody({ appName: 'twice', version: '1.0' }))).status).toBe(200);
    expect((await create('dev', appBody({ appName: 'twice', version: '1.1' }))).status).toBe(200);
    const before = await counts();
    const res = await create('dev', appBody({ appName: 'twice', version: '1.0', image: 'nginx:1.27' }));
    expect(res.status).toBe(409);
    expect(await body(res)).toMatchObject({ code: 409, data: null });
    expect(await counts()).toEqual(before);
    const l = await list('dev', '?appName=twice&appNameMode=strict');
    expect(l.total).toBe(2);
    expect(l.apps.map((a: { version: string }) => a.version)).toEqual(['1.1', '1.0']);
  });

  it('names the field for every rule of the seed table, and changes nothing', async () => {
    const t = await tok('dev');
    const cases: [Record<string, unknown>, string][] = [
      [{ appName: undefined }, 'appName'],
      [{ appName: 'Nginx' }, 'appName'],
      [{ appName: 'a'.repeat(64) }, 'appName'],
      [{ appName: '-x' }, 'appName'],
      [{ deployType: undefined }, 'deployType'],
      [{ deployType: 'statefulset' }, 'deployType'],
      [{ image: undefined }, 'image'],
      [{ image: '' }, 'image'],
      [{ image: 'Nginx:latest' }, 'image'],
      [{ image: 'nginx:la test' }, 'image'],
      [{ version: undefined }, 'version'],
      [{ version: '1' }, 'version'],
      [{ version: 'v1.1' }, 'version'],
      [{ version: '1.2.3.4.5' }, 'version'],
      [{ version: '01.2' }, 'version'],
      [{ repositoryId: 'bad id' }, 'repositoryId'],
      [{ repositoryId: 7 }, 'repositoryId'],
      [{ port: undefined }, 'port'],
      [{ port: 8080 }, 'port'],
      [{ port: [{ port: 0 }] }, 'port.0.port'],
      [{ port: [{ port: 65536 }] }, 'port.0.port'],
      [{ port: [{ port: 80, hostPort: 70000 }] }, 'port.0.hostPort'],
      [{ port: [{ port: 80 }, { port: 80 }] }, 'port.1.port'],
      [{ port: [{ port: 80, hostPort: 90 }, { port: 81, hostPort: 90 }] }, 'port.1.hostPort'],
      [{ port: [{ port: 80, extra: 1 }] }, 'port.0.extra'],
      [{ command: 5 }, 'command'],
      [{ command: 'x'.repeat(4097) }, 'command'],
      [{ volume: [{ path: 'relative', hostPath: '/usr' }] }, 'volume.0.path'],
      [{ volume: [{ path: '/a', hostPath: '/usr/../etc' }] }, 'volume.0.hostPath'],
      [{ volume: [{ path: '/a', hostPath: '/x' }, { path: '/a', hostPath: '/y' }] }, 'volume.1.path'],
      [{ volume: [{ path: '/a', hostPath: '/x', readOnly: 'yes' }] }, 'volume.0.readOnly'],
      [{ env: [{ name: '1BAD', value: 'x' }] }, 'env.0.name'],
      [{ env: [{ name: 'A', value: 'x' }, { name: 'A', value: 'y' }] }, 'env.1.name'],
      [{ env: [{ name: 'A', value: 3 }] }, 'env.0.value'],
      [{ replicas: -1 }, 'replicas'],
      [{ replicas: 1.5 }, 'replicas'],
      [{ replicas: 1001 }, 'replicas'],
      [{ replicas: 30 }, 'replicas'],
      [{ replicas: 1 }, 'replicas'],
      [{ minReplicas: 25 }, 'minReplicas'],
      [{ minReplicas: 0, replicas: 0 }, 'minReplicas'],
      [{ maxReplicas: 'ten' }, 'maxReplicas'],
      [{ minCPU: undefined }, 'minCPU'],
      [{ minCPU: 0 }, 'minCPU'],
      [{ minCPU: 300 }, 'minCPU'],
      [{ maxCPU: undefined }, 'maxCPU'],
      [{ maxCPU: 100_001 }, 'maxCPU'],
      [{ GPU: -1 }, 'GPU'],
      [{ GPU: 65 }, 'GPU'],
      [{ isHPA: undefined }, 'isHPA'],
      [{ isHPA: 'true' }, 'isHPA'],
      [{ deployType: 'daemonset', isHPA: true }, 'isHPA'],
      [{ targetCPUUtilization: undefined }, 'targetCPUUtilization'],
      [{ targetCPUUtilization: 0 }, 'targetCPUUtilization'],
      [{ targetMemUtilization: undefined }, 'targetMemUtilization'],
      [{ targetMemUtilization: 1001 }, 'targetMemUtilization'],
      [{ minMemory: undefined }, 'minMemory'],
      [{ minMemory: 300 }, 'minMemory'],
      [{ maxMemory: undefined }, 'maxMemory'],
      [{ maxMemory: 0 }, 'maxMemory'],
      [{ maxUnavailable: undefined }, 'maxUnavailable'],
      [{ maxUnavailable: 0, maxSurge: 0 }, 'maxUnavailable'],
      [{ maxSurge: undefined }, 'maxSurge'],
      [{ maxSurge: -1 }, 'maxSurge'],
      [{ minReadySeconds: undefined }, 'minReadySeconds'],
      [{ minReadySeconds: 86_401 }, 'minReadySeconds'],
      [{ dependence: [{ name: 'db', service: 'pg', port: 0 }] }, 'dependence.0.port'],
      [{ surprise: true }, 'surprise'],
      [{ projectName: 'gamma' }, 'projectName'],
    ];
    const before = await counts();
    for (const [over, field] of cases) {
      const json = appBody({ appName: 'rules', ...over });
      for (const [k, v] of Object.entries(over)) if (v === undefined) delete json[k];
      const res = await call(createApp, request('/v1/app', { token: t, json }));
      expect(res.status, `${JSON.stringify(over)} → ${field}`).toBe(400);
      const b = await body(res);
      expect(b.code).toBe(400);
      expect(b.message, JSON.stringify(over)).toContain(`${field}:`);
    }
    expect(await counts()).toEqual(before);
  });

  it('fills replicas defaults and ignores replica bounds for a daemonset', async () => {
    expect((await create('dev', appBody({ appName: 'defaults', replicas: undefined, minReplicas: undefined, maxReplicas: undefined, isHPA: false }))).status).toBe(200);
    const d = (await list('dev', '?appName=defaults&appNameMode=strict')).apps[0];
    expect(d).toMatchObject({ replicas: 1, minReplicas: 1, maxReplicas: 1 });
    expect((await create('dev', appBody({ appName: 'daemon', deployType: 'daemonset', isHPA: false, replicas: 99 }))).status).toBe(200);
  });

  it('answers 415 for a non-JSON body, 401 without a credential, 403 for a visitor', async () => {
    const t = await tok('dev');
    const res = await call(createApp, request('/v1/app', { token: t, body: 'appName=x', headers: { 'content-type': 'text/plain' } }));
    expect(res.status).toBe(415);
    const anon = await call(createApp, request('/v1/app', { json: appBody({ appName: 'anon' }) }));
    expect(anon.status).toBe(401);
    expect(await body(anon)).toEqual({ code: 401, message: 'User need to log in first.', data: null });
    expect((await create('guest', appBody({ appName: 'guest-app' }))).status).toBe(403);
  });
});

describe('GET /v1/app', () => {
  it('pages (0 = every row) and filters by appName in strict, partial and prefix modes and by version', async () => {
    for (let i = 0; i < 8; i++) expect((await create('dev', appBody({ appName: `filler-${i}` }))).status).toBe(200);
    for (const [name, version] of [['shop-web', '1.0'], ['shop-api', '1.0'], ['web-shop', '1.0'], ['shop-web', '2.0']] as const) {
      expect((await create('dev', appBody({ appName: name, version }))).status).toBe(200);
    }
    const names = (l: { apps: { appName: string; version: string }[] }) => l.apps.map((a) => `${a.appName}@${a.version}`);
    expect(names(await list('dev', '?appName=shop-web&appNameMode=strict&pageSize=0'))).toEqual(['shop-web@2.0', 'shop-web@1.0']);
    expect(names(await list('dev', '?appName=shop&appNameMode=prefix&pageSize=0'))).toEqual(['shop-web@2.0', 'shop-api@1.0', 'shop-web@1.0']);
    expect((await list('dev', '?appName=shop&pageSize=0')).total).toBe(4);
    expect(names(await list('dev', '?appName=shop&version=2.0'))).toEqual(['shop-web@2.0']);
    const p1 = await list('dev', '?appName=shop&pageSize=3&page=1');
    const p2 = await list('dev', '?appName=shop&pageSize=3&page=2');
    expect(p1.apps).toHaveLength(3);
    expect(p2.apps).toHaveLength(1);
    expect(p1.total).toBe(4);
    expect(new Set([...names(p1), ...names(p2)]).size).toBe(4);
    const all = await list('dev', '?pageSize=0');
    expect(all.apps.length).toBe(all.total);
    expect(all.total).toBeGreaterThan(10);
    expect((await list('dev')).apps).toHaveLength(10);
  });

  it('lists each application once as its newest version with its version count (latest=true), and one project only (projectName)', async () => {
    for (const [name, version, projectName] of [['lat-a', '1.0', 'alpha'], ['lat-a', '1.1', 'alpha'], ['lat-a', '1.2', 'alpha'], ['lat-b', '1.0', 'beta']] as const) {
      expect((await create('ops', appBody({ appName: name, version, projectName }))).status).toBe(200);
    }
    const l = await list('ops', '?appName=lat-&appNameMode=prefix&latest=true&pageSize=0');
    expect(l.total).toBe(2);
    expect(l.apps.map((a: { appName: string; version: string; versions: number }) => `${a.appName}@${a.version}×${a.versions}`)).toEqual(['lat-b@1.0×1', 'lat-a@1.2×3']);
    const alpha = await list('ops', '?appName=lat-&appNameMode=prefix&projectName=alpha&pageSize=0');
    expect(alpha.total).toBe(3);
    expect(alpha.apps.every((a: { projectName: string; versions?: number }) => a.projectName === 'alpha' && a.versions === undefined)).toBe(true);
    const paged = await list('ops', '?appName=lat-&appNameMode=prefix&latest=true&pageSize=1&page=2');
    expect(paged).toMatchObject({ total: 2, apps: [{ appName: 'lat-a', version: '1.2' }] });
    expect((await list('ops', '?latest=yes')).code).toBe(400);
    expect((await list('ops', '?latest=yes')).message).toContain('latest');
  });

  it('orders by version number with orderBy=version (1.10 after 1.9), and latest=true is the highest version, not the last made', async () => {
    // Made out of order on purpose: creation order and version order disagree.
    for (const version of ['1.9', '1.10', '1.2', '2.0.1', '1.10.0', '2.0']) {
      expect((await create('ops', appBody({ appName: 'ord-a', version, projectName: 'alpha' }))).status).toBe(200);
    }
    expect((await create('ops', appBody({ appName: 'ord-a', version: '1.0.1', projectName: 'alpha' }))).status).toBe(200);
    const versions = (l: { apps: { version: string }[] }) => l.apps.map((a) => a.version);
    expect(versions(await list('ops', '?appName=ord-a&appNameMode=strict&pageSize=0&orderBy=version'))).toEqual(['2.0.1', '2.0', '1.10.0', '1.10', '1.9', '1.2', '1.0.1']);
    // Paged in SQL in that order.
    expect(versions(await list('ops', '?appName=ord-a&appNameMode=strict&pageSize=3&page=2&orderBy=version'))).toEqual(['1.10', '1.9', '1.2']);
    // The default stays the seed's: newest made first.
    expect(versions(await list('ops', '?appName=ord-a&appNameMode=strict&pageSize=2'))).toEqual(['1.0.1', '2.0']);
    expect((await list('ops', '?appName=ord-a&appNameMode=strict&latest=true')).apps).toMatchObject([{ version: '2.0.1', versions: 7 }]);
    const bad = await list('ops', '?orderBy=createTime');
    expect(bad.code).toBe(400);
    expect(bad.message).toContain('orderBy');
  });

  it('names the bad query parameter', async () => {
    for (const [q, field] of [['?pageSize=-1', 'pageSize'], ['?page=0', 'page'], ['?appNameMode=fuzzy', 'appNameMode'], ['?pageSize=1001', 'pageSize'], ['?nope=1', 'nope']]) {
      const b = await list('dev', q);
      expect(b.code, q).toBe(400);
      expect(b.message).toContain(field);
    }
  });

  it('shows one version with dependence; another project sees neither list rows nor the item', async () => {
    expect((await create('dev', appBody({ appName: 'withdep', dependence: [{ name: 'db', service: 'postgres', port: 5432 }] }))).status).toBe(200);
    const id = (await list('dev', '?appName=withdep&appNameMode=strict')).apps[0].id;
    const got = await body(await call(getApp, request(`/v1/app/id/${id}`, { token: await tok('dev') }), { appId: String(id) }));
    expect(got).toMatchObject({ code: 200, data: { id, appName: 'withdep', dependence: [{ name: 'db', service: 'postgres', port: 5432 }], minCPU: 0.1, maxCPU: 2 } });
    const other = await call(getApp, request(`/v1/app/id/${id}`, { token: await tok('odev') }), { appId: String(id) });
    expect(other.status).toBe(404);
    expect((await list('odev', '?appName=withdep')).total).toBe(0);
    expect((await list('ops', '?appName=withdep')).total).toBe(1);
    const bad = await call(getApp, request('/v1/app/id/abc', { token: await tok('dev') }), { appId: 'abc' });
    expect(bad.status).toBe(400);
    expect((await body(bad)).message).toContain('appId');
  });
});

describe('DELETE /v1/app', () => {
  it('deletes the listed versions, all or none; an unknown or foreign id is 404 and nothing goes', async () => {
    for (const v of ['1.0', '1.1']) await create('dev', appBody({ appName: 'gone', version: v }));
    await create('odev', appBody({ appName: 'theirs' }));
    const ids = (await list('dev', '?appName=gone&appNameMode=strict')).apps.map((a: { id: number }) => a.id);
    const theirs = (await list('odev', '?appName=theirs')).apps[0].id;
    const before = await counts();
    const t = await tok('dev');
    const foreign = await call(deleteApps, request('/v1/app', { method: 'DELETE', token: t, json: { appId: [ids[0], theirs] } }));
    expect(foreign.status).toBe(404);
    expect(await counts()).toEqual(before);
    const bad = await call(deleteApps, request('/v1/app', { method: 'DELETE', token: t, json: { appId: ['x'] } }));
    expect(bad.status).toBe(400);
    expect((await body(bad)).message).toContain('appId');
    expect((await call(deleteApps, request('/v1/app', { method: 'DELETE', token: await tok('guest'), json: { appId: ids } }))).status).toBe(403);
    const ok = await call(deleteApps, request('/v1/app', { method: 'DELETE', token: t, json: { appId: ids } }));
    expect(ok.status).toBe(200);
    expect(await body(ok)).toMatchObject({ code: 200, message: 'success' });
    expect((await list('dev', '?appName=gone&appNameMode=strict')).total).toBe(0);
    const after = await counts();
    expect(after.apps).toBe(before.apps - 1);
    expect(after.versions).toBe(before.versions - 2);
    expect(after.audit).toBe(before.audit + 2);
  });

  it('takes ids in the query string too', async () => {
    await create('dev', appBody({ appName: 'query-del' }));
    const id = (await list('dev', '?appName=query-del')).apps[0].id;
    const res = await call(deleteApps, request(`/v1/app?appId=${id}`, { method: 'DELETE', token: await tok('dev') }));
    expect(res.status).toBe(200);
    expect((await list('dev', '?appName=query-del')).total).toBe(0);
  });
});

describe('POST /v1/app/chart', () => {
  it('stores a chart and shows its metadata, values and templates', async () => {
    const res = await upload('dev', { appName: 'chart-web', version: '1.0' }, chartPackage());
    expect(res.status).toBe(200);
    const b = await body(res);
    expect(b).toMatchObject({
      code: 200,
      data: {
        appName: 'chart-web', version: '1.0', deployType: 'chart', projectName: 'alpha',
        chart: { apiVersion: 'v2', name: 'web', version: '0.1.0', appVersion: '1.27', description: 'A web server', files: ['Chart.yaml', 'templates/deployment.yaml', 'values.yaml'] },
        values: 'replicaCount: 2\nimage:\n  repository: nginx\n',
        templates: [{ path: 'templates/deployment.yaml' }],
      },
    });
    const got = await body(await call(getApp, request(`/v1/app/id/${b.data.id}`, { token: await tok('dev') }), { appId: String(b.data.id) }));
    expect(got.data.templates[0].content).toContain('{{ .Release.Name }}');
    const listed = (await list('dev', '?appName=chart-web')).apps[0];
    expect(listed.templates).toBeUndefined();
    expect((await upload('dev', { appName: 'chart-web', version: '1.0' }, chartPackage())).status).toBe(409);
  });

  it('refuses broken and hostile packages on the field chart, and stores nothing', async () => {
    const cases: [string, Buffer][] = [
      ['path traversal', chartPackage({ extra: [{ name: 'web/../../etc/passwd', body: 'x' }] })],
      ['absolute path', chartPackage({ extra: [{ name: '/etc/passwd', body: 'x' }] })],
      ['symlink', chartPackage({ extra: [{ name: 'web/templates/link.yaml', type: '2', linkname: '/etc/passwd' }] })],
      ['hard link', chartPackage({ extra: [{ name: 'web/h', type: '1', linkname: 'web/Chart.yaml' }] })],
      ['not gzip', chartPackage({ gzip: false })],
      ['garbage', Buffer.from('hello world, not a chart')],
      ['no Chart.yaml', gzipSync(tar([{ name: 'web/values.yaml', body: 'a: 1' }, { name: 'web/templates/x.yaml', body: 'x' }]))],
      ['two top directories', chartPackage({ extra: [{ name: 'other/file', body: 'x' }] })],
      ['bad apiVersion', chartPackage({ chartYaml: 'apiVersion: v3\nname: web\nversion: 0.1.0\n' })],
      ['no name', chartPackage({ chartYaml: 'apiVersion: v2\nversion: 0.1.0\n' })],
      ['bad version', chartPackage({ chartYaml: 'apiVersion: v2\nname: web\nversion: one\n' })],
      ['Chart.yaml not YAML', chartPackage({ chartYaml: 'apiVersion: [v2\n' })],
      ['values not a mapping', chartPackage({ values: '- a\n- b\n' })],
      ['no templates', chartPackage({ templates: {} })],
      ['too large', chartPackage({ values: `x: "${randomBytes(1200 << 10).toString('hex')}"\n` })],
      ['gzip bomb', chartPackage({ values: `x: "${'0'.repeat(9 << 20)}"\n` })],
    ];
    const before = await counts();
    for (const [what, chart] of cases) {
      const res = await upload('dev', { appName: 'bad-chart', version: '1.0' }, chart);
      expect(res.status, what).toBe(400);
      expect((await body(res)).message, what).toMatch(/^chart: /);
    }
    const missing = await upload('dev', { appName: 'bad-chart', version: '1.0' });
    expect(missing.status).toBe(400);
    expect((await body(missing)).message).toContain('chart');
    const badName = await upload('dev', { appName: 'Bad Chart', version: '1.0' }, chartPackage());
    expect((await body(badName)).message).toContain('appName');
    const badVersion = await upload('dev', { appName: 'bad-chart', version: 'x' }, chartPackage());
    expect((await body(badVersion)).message).toContain('version');
    expect((await upload('guest', { appName: 'bad-chart', version: '1.0' }, chartPackage())).status).toBe(403);
    const json = await call(uploadChart, request('/v1/app/chart', { token: await tok('dev'), json: { appName: 'x', version: '1.0' } }));
    expect(json.status).toBe(415);
    expect(await counts()).toEqual(before);
  });
});
