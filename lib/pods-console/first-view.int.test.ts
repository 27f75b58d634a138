import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '@/lib/cluster/adapter/testing/sim-server';
import { stopCaches } from '@/lib/cluster/adapter/cache';
import { resolveToken } from '@/lib/auth/tokens';
import { systemClock } from '@/lib/context';
import * as listRoute from '@/app/api/pier/clusters/[name]/pods/route';
import * as k8sRoute from '@/app/k8s/[cluster]/[...path]/route';
import { call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor, type UserName } from '@/lib/testing/world';
import { dashboardFirstView } from './first-view';
import { FIRST_PAGE, type PodList } from './schema';

/**
 * The dashboard's first view, resolved while the server renders /pods, is
 * what the browser would have asked for: compared with the list route's
 * answer for the same query, against the simulated cluster over HTTP.
 */
const w = setupWorld();
const tokens = {} as Record<UserName, string>;
let server: SimServer | undefined;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function list(query: Record<string, string>, as: UserName = 'dev') {
  const res = await call(listRoute.GET as Handler, request(`/api/pier/clusters/local/pods?${new URLSearchParams(query)}`, { token: tokens[as] }), { name: 'local' });
  return { status: res.status, body: await res.json() as PodList };
}

const ctxOf = async (who: UserName) => ({ db: w.db, user: (await resolveToken(w.db, tokens[who], new Date()))!, clock: systemClock, source: 'console' as const });

beforeAll(async () => {
  server = await startSimServer();
  for (const who of ['dev', 'guest'] as UserName[]) tokens[who] = await tokenFor(w, who);
  const admin = await tokenFor(w, 'admin');
  for (const name of ['web-1', 'web-2', 'db-1']) {
    const res = await call(k8sRoute.POST, request('/k8s/local/api/v1/namespaces/alpha/pods', {
      token: admin, json: { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name.slice(0, -2) } }, spec: { containers: [{ name: 'main', image: 'nginx:alpine' }] } },
    }), { cluster: 'local', path: ['api', 'v1', 'namespaces', 'alpha', 'pods'] });
    expect(res.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  stopCaches();
  await server?.close();
});

describe('dashboardFirstView', () => {
  it('resolves the default cluster, the scope choices and the first page the dashboard would ask for', async () => {
    const v = await dashboardFirstView(await ctxOf('dev'), { namespace: 'alpha', label: 'app=web' });
    expect(v).toMatchObject({ cluster: 'local', query: { namespace: 'alpha', label: 'app=web' } });
    expect(v!.choices!.namespaces).toContain('alpha');
    expect(v!.choices!.namespaces).not.toContain('beta');
    const same = await list({ namespace: 'alpha', label: 'app=web', limit: String(FIRST_PAGE) });
    expect(v!.list!.items.map((p) => p.name)).toEqual(['web-1', 'web-2']);
    expect(v!.list!.items.map((p) => p.name)).toEqual(same.body.items.map((p) => p.name));
    expect(v!.list).toMatchObject({ total: 2, counts: same.body.counts, next: null });
    // The node scope as the URL says it (?node= alone selects it); an unknown group is dropped as the page drops it.
    expect((await dashboardFirstView(await ctxOf('dev'), { node: 'n1', group: 'bogus' }))!.query).toEqual({ node: 'n1' });
  });

  it('leaves to the browser what it cannot tell or what fails: no namespace chosen, a bad filter, an invisible namespace or cluster', async () => {
    // Nobody switched namespace: the default then depends on the project the browser has chosen.
    expect(await dashboardFirstView(await ctxOf('guest'), {})).toMatchObject({ cluster: 'local', query: null, list: null });
    expect(await dashboardFirstView(await ctxOf('dev'), { namespace: 'alpha', label: 'a in (b' })).toMatchObject({ query: null, list: null });
    expect(await dashboardFirstView(await ctxOf('dev'), { namespace: 'beta' })).toMatchObject({ query: null, list: null });
    expect(await dashboardFirstView(await ctxOf('dev'), { cluster: 'nowhere' })).toMatchObject({ cluster: 'nowhere', choices: null, list: null });
  });
});
