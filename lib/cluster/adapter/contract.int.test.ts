/**
 * The adapter's contract: the same suite against Pier's simulated cluster
 * (over real HTTP, both stores, in CI) and, when PIER_TEST_KUBECONFIG names a
 * kubeconfig file, against that real cluster instead. Nothing is mocked.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clusters } from '@/db/schema';
import { Conflict, Forbidden, Invalid, NotFound } from '@/lib/errors';
import { createWorld, tokenFor, type World } from '@/lib/testing/world';
import { useStore } from '@/lib/http/store';
import {
  clientsFor, clientsFromDoc, ClusterCredentialRefused, ClusterUnavailable, createObject, createOrUpdate, deleteObject,
  getObject, kubeStatusOf, listAll, listPage, mergePatch, jsonPatch, podLogs, readScale, replaceObject, scale, serverSummary,
  simulatedKubeconfig, watchObjects, parseKubeconfig, type KubeClients, type KubeObject, type WatchEventType,
} from './index';
import { startSimServer, type SimServer } from './testing/sim-server';
import { systemClock } from '@/lib/context';
import { ClusterManager } from '../sim/controllers/manager';
import { createKubelet } from '../sim/controllers/kubelet';
import { createScheduler } from '../sim/controllers/scheduler';

const REAL = process.env.PIER_TEST_KUBECONFIG;
const target = REAL ? `the real cluster of PIER_TEST_KUBECONFIG (${REAL})` : "Pier's simulated cluster `local` over HTTP";
if (!REAL) console.info('adapter contract: PIER_TEST_KUBECONFIG is not set, so the real-cluster run is skipped; running against the simulated cluster.');

const CM = { apiVersion: 'v1', kind: 'ConfigMap' };
const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment' };
const ns = `contract-${randomBytes(3).toString('hex')}`;

let world: World | undefined;
let server: SimServer | undefined;
let c: KubeClients;
let manager: ClusterManager | undefined;

beforeAll(async () => {
  if (REAL) {
    c = clientsFromDoc({ id: 'real', name: 'real', driver: 'kubeconfig', type: 'EKS' }, parseKubeconfig(readFileSync(REAL, 'utf8')).doc);
  } else {
    world = await createWorld();
    useStore(world.store);
    server = await startSimServer();
    const [row] = await world.db.select().from(clusters).where(eq(clusters.name, 'local'));
    c = await clientsFor(world.db, row);
    // Pods need a scheduler and a kubelet, as on a real cluster; no workload controllers, so the other tests' objects stay as written.
    manager = new ClusterManager({ sim: { db: world.db, clock: systemClock, clusterId: row.id }, controllers: [createScheduler(), createKubelet()] });
    manager.start();
  }
  await createObject(c, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});

afterAll(async () => {
  await manager?.stop();
  await deleteObject(c, { apiVersion: 'v1', kind: 'Namespace' }, ns).catch(() => undefined);
  await server?.close();
  useStore(null);
  await world?.dispose();
});

const cm = (name: string, data: Record<string, string> = { a: '1' }, labels: Record<string, string> = { suite: 'contract' }): KubeObject =>
  ({ ...CM, metadata: { name, namespace: ns, labels }, data });

/** Polls until `check` holds: a real cluster's garbage collector works asynchronously. Bounded, no timing assertion. */
async function eventually(check: () => Promise<boolean>, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition never held');
}

const gone = (name: string) => async () => getObject(c, CM, name, ns).then(() => false, (e) => e instanceof NotFound);

describe(`adapter contract against ${target}`, () => {
  it('server summary: version and node count', async () => {
    const s = await serverSummary(c);
    expect(s.gitVersion).toMatch(/^v1\.\d+/);
    expect(s.nodeCount).toBeGreaterThan(0);
    if (!REAL) expect(s.nodeCount).toBe(5);
  });

  it('create, get, replace, merge patch, JSON patch, delete', async () => {
    const created = await createObject(c, cm('crud'));
    expect(created.metadata).toMatchObject({ name: 'crud', namespace: ns, uid: expect.any(String), resourceVersion: expect.any(String) });
    const got = await getObject(c, CM, 'crud', ns);
    expect(got.data).toEqual({ a: '1' });
    const replaced = await replaceObject(c, { ...got, data: { a: '2', b: '3' } });
    expect(replaced.data).toEqual({ a: '2', b: '3' });
    const patched = await mergePatch(c, CM, 'crud', ns, { data: { b: null, c: '4' }, metadata: { labels: { extra: 'yes' } } });
    expect(patched.data).toEqual({ a: '2', c: '4' });
    expect(patched.metadata?.labels).toEqual({ suite: 'contract', extra: 'yes' });
    const jp = await jsonPatch(c, CM, 'crud', ns, [{ op: 'replace', path: '/data/a', value: '9' }]);
    expect(jp.data).toEqual({ a: '9', c: '4' });
    await deleteObject(c, CM, 'crud', ns);
    await eventually(gone('crud'));
  });

  it('lists page by page with limit and continue, every object once', async () => {
    for (let i = 0; i < 5; i++) await createObject(c, cm(`page-${i}`, { i: String(i) }, { suite: 'contract', set: 'paging' }));
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await listPage(c, CM, { namespace: ns, labelSelector: 'set=paging', limit: 2, continue: token });
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.resourceVersion).not.toBe('');
      names.push(...page.items.map((i) => i.metadata!.name!));
      token = page.continue;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names.sort()).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    expect((await listAll(c, CM, { namespace: ns, labelSelector: 'set=paging' }, 2)).items).toHaveLength(5);
  });

  it('label selectors: equality, set-based, existence, negation', async () => {
    await createObject(c, cm('sel-a', {}, { suite: 'contract', tier: 'front', env: 'prod' }));
    await createObject(c, cm('sel-b', {}, { suite: 'contract', tier: 'back' }));
    await createObject(c, cm('sel-c', {}, { suite: 'contract', tier: 'cache', env: 'dev' }));
    const names = async (labelSelector: string) =>
      (await listAll(c, CM, { namespace: ns, labelSelector })).items.map((i) => i.metadata!.name).sort();
    expect(await names('tier=front')).toEqual(['sel-a']);
    expect(await names('tier in (front,back)')).toEqual(['sel-a', 'sel-b']);
    expect(await names('tier,tier notin (front)')).toEqual(['sel-b', 'sel-c']);
    expect(await names('tier,!env')).toEqual(['sel-b']);
    expect(await names('tier,env!=prod')).toEqual(['sel-b', 'sel-c']);
  });

  it('a watch from a list\'s resourceVersion sees a create, a change and a delete', async () => {
    const { resourceVersion } = await listPage(c, CM, { namespace: ns, labelSelector: 'set=watched' });
    const seen: [WatchEventType, string, string | undefined][] = [];
    let wake: () => void = () => undefined;
    const handle = await watchObjects(c, CM, { namespace: ns, labelSelector: 'set=watched', resourceVersion }, (type, obj) => {
      seen.push([type, obj.metadata!.name!, (obj.data as Record<string, string> | undefined)?.v]);
      wake();
    }, () => undefined);
    const until = (n: number) => new Promise<void>((resolve) => {
      wake = () => seen.length >= n && resolve();
      wake();
    });
    try {
      await createObject(c, cm('watched', { v: '1' }, { suite: 'contract', set: 'watched' }));
      await until(1);
      await mergePatch(c, CM, 'watched', ns, { data: { v: '2' } });
      await until(2);
      await deleteObject(c, CM, 'watched', ns);
      await until(3);
    } finally {
      handle.stop();
    }
    expect(seen).toEqual([['ADDED', 'watched', '1'], ['MODIFIED', 'watched', '2'], ['DELETED', 'watched', '2']]);
  });

  it('create-or-update creates, then replaces; a pinned stale resourceVersion is a Conflict', async () => {
    const first = await createOrUpdate(c, cm('cou', { v: '1' }));
    expect(first.created).toBe(true);
    const second = await createOrUpdate(c, cm('cou', { v: '2' }));
    expect(second.created).toBe(false);
    expect(second.object.data).toEqual({ v: '2' });
    const stale = { ...cm('cou', { v: '3' }), metadata: { ...cm('cou').metadata, resourceVersion: first.object.metadata!.resourceVersion } };
    await expect(createOrUpdate(c, stale)).rejects.toBeInstanceOf(Conflict);
    expect((await getObject(c, CM, 'cou', ns)).data).toEqual({ v: '2' });
  });

  it('409 Conflict on a stale resourceVersion, with the cluster\'s reason kept', async () => {
    const a = await createObject(c, cm('stale', { v: '1' }));
    await replaceObject(c, { ...a, data: { v: '2' } });
    const err = await replaceObject(c, { ...a, data: { v: '3' } }).catch((e) => e);
    expect(err).toBeInstanceOf(Conflict);
    expect(err.message).toMatch(/the object has been modified/);
    expect(kubeStatusOf(err)).toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('delete propagation: Background and Foreground collect dependents, Orphan keeps them without the owner reference', async () => {
    for (const policy of ['Background', 'Foreground', 'Orphan'] as const) {
      const owner = await createObject(c, cm(`owner-${policy.toLowerCase()}`));
      const dep = `dep-${policy.toLowerCase()}`;
      await createObject(c, {
        ...cm(dep),
        metadata: { name: dep, namespace: ns, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata!.name!, uid: owner.metadata!.uid! }] },
      });
      await deleteObject(c, CM, owner.metadata!.name!, ns, { propagationPolicy: policy });
      await eventually(gone(owner.metadata!.name!));
      if (policy !== 'Orphan') {
        await eventually(gone(dep));
      } else {
        await eventually(async () => !(await getObject(c, CM, dep, ns)).metadata?.ownerReferences?.length);
        expect((await getObject(c, CM, dep, ns)).metadata?.name).toBe(dep);
      }
    }
  });

  it('scales a Deployment through its scale subresource', async () => {
    await createObject(c, {
      ...DEPLOY,
      metadata: { name: 'scaled', namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'scaled' } },
        template: { metadata: { labels: { app: 'scaled' } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } },
      },
    });
    const s = await scale(c, DEPLOY, 'scaled', ns, 3);
    expect(s).toMatchObject({ kind: 'Scale', spec: { replicas: 3 } });
    expect((await readScale(c, DEPLOY, 'scaled', ns)).spec.replicas).toBe(3);
    expect(((await getObject(c, DEPLOY, 'scaled', ns)).spec as { replicas: number }).replicas).toBe(3);
  });

  it('reads a pod\'s log: the whole text, a tail, and 400 for a container the pod does not have', async () => {
    await createObject(c, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'logger', namespace: ns },
      spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello from the contract; echo second line; sleep 3600'] }] },
    });
    // The pod must be scheduled and started (on Pier's cluster by its scheduler and kubelet, started in beforeAll).
    await eventually(async () => {
      const p = await getObject(c, { apiVersion: 'v1', kind: 'Pod' }, 'logger', ns);
      return (p.status as { phase?: string } | undefined)?.phase === 'Running';
    }, 600);
    await eventually(async () => (await podLogs(c, ns, 'logger')).includes('second line'));
    const log = await podLogs(c, ns, 'logger');
    expect(log.startsWith('hello from the contract\nsecond line\n')).toBe(true);
    expect(await podLogs(c, ns, 'logger', { container: 'main', tailLines: 1 })).toMatch(/^[^\n]*\n$/);
    expect(await podLogs(c, ns, 'logger', { timestamps: true, tailLines: 1 })).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /);
    const wrong = await podLogs(c, ns, 'logger', { container: 'nope' }).catch((e) => e);
    expect(wrong).toBeInstanceOf(Invalid);
    expect(kubeStatusOf(wrong)).toMatchObject({ code: 400, reason: 'BadRequest', message: 'container nope is not valid for pod logger' });
    expect(await podLogs(c, ns, 'ghost').catch((e) => e)).toBeInstanceOf(NotFound);
  });

  it('maps errors: 404 NotFound, 409 AlreadyExists, 422 Invalid naming the field', async () => {
    const missing = await getObject(c, CM, 'nope', ns).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFound);
    expect(missing.message).toBe('configmaps "nope" not found');
    await createObject(c, cm('dup'));
    const dup = await createObject(c, cm('dup')).catch((e) => e);
    expect(dup).toBeInstanceOf(Conflict);
    expect(kubeStatusOf(dup)?.reason).toBe('AlreadyExists');
    const bad = await createObject(c, cm('Not_A_Name')).catch((e) => e);
    expect(bad).toBeInstanceOf(Invalid);
    expect(Object.keys(bad.fields)).toContain('metadata.name');
    expect(kubeStatusOf(bad)).toMatchObject({ code: 422, reason: 'Invalid' });
  });
});

describe.skipIf(REAL)('adapter errors that need Pier\'s own cluster', () => {
  it('403 Forbidden for an identity the cluster refuses an object to', async () => {
    const dev = clientsFromDoc(c.cluster, simulatedKubeconfig('local', await tokenFor(world!, 'dev'), `${server!.url}/k8s/local`));
    const err = await getObject(dev, CM, 'x', ns).catch((e) => e);
    expect(err).toBeInstanceOf(Forbidden);
    expect(err.message).toMatch(/cannot get resource "configmaps"/);
  });

  it('a refused credential and an unreachable server are the cluster\'s fault, not the caller\'s', async () => {
    const bogus = clientsFromDoc(c.cluster, simulatedKubeconfig('local', 'not-a-token', `${server!.url}/k8s/local`));
    const refused = await serverSummary(bogus).catch((e) => e);
    expect(refused).toBeInstanceOf(ClusterCredentialRefused);
    expect(refused.status).toBe(502);
    const down = clientsFromDoc(c.cluster, simulatedKubeconfig('local', 't', 'http://127.0.0.1:1/k8s/local'));
    const unreachable = await serverSummary(down).catch((e) => e);
    expect(unreachable).toBeInstanceOf(ClusterUnavailable);
    expect(unreachable.message).toMatch(/ECONNREFUSED/);
  });

  it('the simulated cluster\'s credential is provisioned once, sealed, and reused', async () => {
    const [row] = await world!.db.select().from(clusters).where(eq(clusters.name, 'local'));
    expect(row.kubeconfigEncrypted).toMatch(/^v1:/);
    expect(row.kubeconfigEncrypted).not.toContain('pier-system');
    const again = await clientsFor(world!.db, row);
    expect(again).toBe(c);
  });
});
