import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { body, request } from '@/lib/testing/http';
import { setupWorld } from '@/lib/testing/world';
import { defaultControllers } from '../controllers/index';
import { ClusterManager } from '../controllers/manager';
import { runFor } from '../controllers/testing';
import { PODS } from '../kinds';
import { seedLocalCluster } from '../seed';
import { createObject, type Sim } from '../store';
import { serveK8s } from './serve';

const w = setupWorld();
const clock = fixedClock('2026-11-22T17:00:00Z');
let s: Sim;
let m: ClusterManager;
const pollBefore = process.env.PIER_SIM_LOG_POLL_MS;

beforeAll(async () => {
  process.env.PIER_SIM_LOG_POLL_MS = '10';
  const { clusterId } = await seedLocalCluster(w.db, clock.now());
  s = { db: w.db, clock, clusterId };
  m = new ClusterManager({ sim: s, controllers: defaultControllers() });
});
afterAll(async () => {
  await m.stop();
  if (pollBefore === undefined) delete process.env.PIER_SIM_LOG_POLL_MS;
  else process.env.PIER_SIM_LOG_POLL_MS = pollBefore;
});

const PODS_PATH = 'api/v1/namespaces/alpha/pods';
function k8s(path: string, o: { method?: string; signal?: AbortSignal; who?: 'admin' | 'guest' | 'odev' } = {}) {
  const url = new URL(path, 'http://x');
  const req = new Request(request(`/k8s/local/${path}`, { method: o.method ?? 'GET' }), { signal: o.signal });
  return serveK8s(w.ctx(o.who ?? 'admin', { clock }), req, 'local', url.pathname.split('/').filter(Boolean)).catch((err) => err);
}
const log = (pod: string, query = '') => k8s(`${PODS_PATH}/${pod}/log${query}`);
const text = async (res: Response) => {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain');
  return res.text();
};
/** A K8sError thrown by the core, as its Status. */
const status = (err: unknown) => (err as { k8s: { code: number; reason: string; message: string } }).k8s;

const createPod = (name: string, containers: Array<Record<string, unknown>>, spec: Record<string, unknown> = {}) =>
  createObject(s, PODS, 'alpha', { metadata: { name }, spec: { containers, ...spec } });

describe('pods/log', () => {
  it('nginx: empty before it is on a node, 400 while it is created, then its log; tailLines, sinceSeconds, timestamps, limitBytes', async () => {
    await createPod('web', [{ name: 'web', image: 'nginx:1.27' }]);
    expect(await text(await log('web'))).toBe('');
    await m.settle();
    expect(status(await log('web'))).toMatchObject({ code: 400, reason: 'BadRequest', message: 'container "web" in pod "web" is waiting to start: ContainerCreating' });
    await runFor(m, clock, 1000);
    const started = clock.now().getTime();
    await runFor(m, clock, 65_000);
    const full = (await text(await log('web'))).split('\n');
    expect(full[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(full).toContain(`${new Date(started).toISOString().slice(0, 10).replace(/-/g, '/')} ${new Date(started).toISOString().slice(11, 19)} [notice] 1#1: nginx/1.27.0`);
    expect(full.at(-1)).toBe('');
    const access = full.filter((l) => l.includes('"GET / HTTP/1.1"'));
    expect(access).toHaveLength(2);
    expect(await text(await log('web', '?tailLines=1'))).toBe(`${access[1]}\n`);
    expect(await text(await log('web', '?tailLines=0'))).toBe('');
    expect(await text(await log('web', '?sinceSeconds=10'))).toBe(`${access[1]}\n`);
    const stamped = await text(await log('web', '?tailLines=1&timestamps=true'));
    expect(stamped).toMatch(/^2026-11-22T17:01:0\d\.\d{9}Z 10\.244\./);
    expect(await text(await log('web', '?limitBytes=13'))).toBe('/docker-entry');
    expect(await text(await log('web', '?container=web&tailLines=1'))).toBe(`${access[1]}\n`);
  });

  it('several containers: 400 naming them unless one is chosen', async () => {
    await createPod('two', [{ name: 'a', image: 'busybox', command: ['sh', '-c', 'echo from a; sleep 3600'] }, { name: 'b', image: 'redis:7.2' }]);
    await runFor(m, clock, 2000);
    expect(status(await log('two'))).toMatchObject({ code: 400, reason: 'BadRequest', message: 'a container name must be specified for pod two, choose one of: [a b]' });
    expect(await text(await log('two', '?container=a'))).toBe('from a\n');
    expect(await text(await log('two', '?container=b'))).toContain('* Ready to accept connections tcp');
    expect(status(await log('two', '?container=c'))).toMatchObject({ code: 400, message: 'container c is not valid for pod two' });
  });

  it('a crashing command: the current log is the last run\'s while it backs off; previous is the run before', async () => {
    await createPod('crash', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo starting; exit 3'] }]);
    await runFor(m, clock, 4000);
    expect(await text(await log('crash'))).toBe('starting\npier-sim: sh -c echo starting; exit 3 exited with code 3\n');
    expect(await text(await log('crash', '?previous=true'))).toBe('starting\npier-sim: sh -c echo starting; exit 3 exited with code 3\n');
    await createPod('fresh', [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }]);
    await runFor(m, clock, 2000);
    expect(status(await log('fresh', '?previous=1'))).toMatchObject({ code: 400, message: 'previous terminated container "main" in pod "fresh" not found' });
  });

  it('an image that cannot be pulled: 400 saying so', async () => {
    await createPod('nope', [{ name: 'main', image: 'example.com/nope:1' }]);
    await runFor(m, clock, 1500);
    expect(status(await log('nope'))).toMatchObject({ code: 400, message: expect.stringMatching(/^container "main" in pod "nope" is waiting to start: (image can't be pulled|trying and failing to pull image)$/) });
  });

  it('follow: new lines as the cluster clock moves; the stream ends when the container stops', async () => {
    await createPod('sleeper', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 70'] }], { restartPolicy: 'Never' });
    await runFor(m, clock, 2000);
    const res = await log('sleeper', '?follow=true');
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const next = async () => decoder.decode((await reader.read()).value);
    expect(await next()).toBe('hello\n');
    clock.advance(30_000);
    expect(await next()).toBe('pier-sim: container main running for 30s\n');
    await runFor(m, clock, 45_000);
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value);
    }
    expect(rest).toBe('pier-sim: container main running for 1m0s\n');
  });

  it('follow ends when the client goes away', async () => {
    await createPod('longrun', [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }]);
    await runFor(m, clock, 2000);
    const abort = new AbortController();
    const res = await k8s(`${PODS_PATH}/longrun/log?follow=true`, { signal: abort.signal });
    const reader = (res as Response).body!.getReader();
    abort.abort();
    expect((await reader.read()).done).toBe(true);
  });

  it('bad options: 422 PodLogOptions naming the field, 400 for what does not parse; 404, 405; who may read', async () => {
    expect(status(await log('web', '?tailLines=-1'))).toMatchObject({
      code: 422, reason: 'Invalid', message: 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
    });
    expect(status(await log('web', '?limitBytes=0')).message).toBe('PodLogOptions "web" is invalid: limitBytes: Invalid value: 0: must be greater than 0');
    expect(status(await log('web', '?sinceSeconds=0')).message).toBe('PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0');
    expect(status(await log('web', '?sinceSeconds=5&sinceTime=2026-11-22T17:00:00Z')).message)
      .toBe('PodLogOptions "web" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
    expect(status(await log('web', '?follow=maybe'))).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(status(await log('web', '?tailLines=ten'))).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(status(await log('ghost'))).toMatchObject({ code: 404, message: 'pods "ghost" not found' });
    expect(status(await k8s(`${PODS_PATH}/web/log`, { method: 'POST' }))).toMatchObject({ code: 405 });
    expect(await text((await k8s(`${PODS_PATH}/web/log?tailLines=1`, { who: 'guest' })) as Response)).toContain('GET /');
    expect(status(await k8s(`${PODS_PATH}/web/log`, { who: 'odev' }))).toMatchObject({ code: 403 });
  });

  it('discovery lists pods/log', async () => {
    const list = await body((await k8s('api/v1')) as Response);
    expect(list.resources).toContainEqual({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  });
});
