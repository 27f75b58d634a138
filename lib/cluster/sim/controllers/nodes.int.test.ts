import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { NODES, PODS } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { createObject, getObject, listObjects, type Sim } from '../store';
import { DEPLOYMENTS } from './deployment';
import { EVENTS } from './events';
import { defaultControllers } from './index';
import { ClusterManager } from './manager';
import { setNodeReady } from './nodes';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, defaultControllers()));
});
afterAll(() => closeSimTestbed(ts, m));

const nodeOf = (p: K8sObject) => (p.spec as { nodeName?: string }).nodeName;
const ready = (p: K8sObject) => ((p.status as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const podsOf = async (app: string) => (await listObjects(s, PODS, { namespace: 'alpha', labelSelector: `app=${app}` })).items;

describe('node failure', () => {
  it('pods get the default not-ready/unreachable tolerations of 300 s at creation', async () => {
    const p = await createObject(s, PODS, 'alpha', { metadata: { name: 'tol' }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] } });
    expect((p.spec as { tolerations: unknown[] }).tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('a node marked NotReady is tainted, its pods evicted after tolerationSeconds and replaced on other nodes; Ready again removes the taints', async () => {
    await createObject(s, DEPLOYMENTS, 'alpha', {
      metadata: { name: 'svc' },
      spec: { replicas: 6, selector: { matchLabels: { app: 'svc' } }, template: { metadata: { labels: { app: 'svc' } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } },
    });
    await runFor(m, clock, 2000);
    const before = await podsOf('svc');
    const victims = before.filter((p) => nodeOf(p) === 'worker-1');
    expect(victims.length).toBeGreaterThan(0);

    await setNodeReady(s, 'worker-1', false);
    await m.settle();
    const node = await getObject(s, NODES, undefined, 'worker-1');
    expect((node.spec as { taints: Array<{ key: string; effect: string }> }).taints.map((t) => [t.key, t.effect])).toEqual([
      ['node.kubernetes.io/not-ready', 'NoSchedule'], ['node.kubernetes.io/not-ready', 'NoExecute'],
    ]);
    for (const p of await podsOf('svc')) expect(ready(p)).toBe(nodeOf(p) !== 'worker-1');

    await runFor(m, clock, 299_000);
    expect((await podsOf('svc')).filter((p) => nodeOf(p) === 'worker-1')).toHaveLength(victims.length);
    await runFor(m, clock, 3000);
    const after = await podsOf('svc');
    expect(after).toHaveLength(6);
    expect(after.filter((p) => nodeOf(p) === 'worker-1')).toHaveLength(0);
    expect(after.every(ready)).toBe(true);
    const ev = await listObjects(s, EVENTS, { namespace: 'alpha', fieldSelector: 'reason=TaintManagerEviction' });
    expect(ev.items.map((e) => String(e.message)).filter((msg) => msg.includes('/svc-')).sort()).toEqual(victims.map((p) => `Marking for deletion Pod alpha/${metaOf(p).name}`).sort());

    await setNodeReady(s, 'worker-1', true);
    await m.settle();
    expect((await getObject(s, NODES, undefined, 'worker-1')).spec).toEqual({});
  });

  it('an unreachable node (Ready Unknown) gets the unreachable taints; a pod that does not tolerate them goes at once', async () => {
    await createObject(s, PODS, 'alpha', { metadata: { name: 'pinned' }, spec: { nodeName: 'worker-2', containers: [{ name: 'c', image: 'nginx:alpine' }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, { key: 'node.kubernetes.io/unreachable', operator: 'Equal', value: 'x', effect: 'NoExecute' }] } });
    await runFor(m, clock, 2000);
    await setNodeReady(s, 'worker-2', false, { unreachable: true });
    await m.settle();
    expect(((await getObject(s, NODES, undefined, 'worker-2')).spec as { taints: Array<{ key: string }> }).taints.map((t) => t.key)).toEqual(['node.kubernetes.io/unreachable', 'node.kubernetes.io/unreachable']);
    expect((await listObjects(s, PODS, { namespace: 'alpha', fieldSelector: 'metadata.name=pinned' })).items).toHaveLength(0);
    await setNodeReady(s, 'worker-2', true);
    await m.settle();
  });
});
