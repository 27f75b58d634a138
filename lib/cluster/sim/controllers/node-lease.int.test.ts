import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import type { TestStore } from '@/lib/testing/store';
import { NODES } from '../kinds';
import { metaOf } from '../objects';
import { deleteObject, getObject, listObjects, type Sim } from '../store';
import type { ClusterManager } from './manager';
import { LEASES, LEASE_NAMESPACE, nodeLeaseController } from './node-lease';
import { setNodeReady } from './nodes';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-11-22T17:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, [nodeLeaseController]));
});
afterAll(() => closeSimTestbed(ts, m));

const lease = (node: string) => getObject(s, LEASES, LEASE_NAMESPACE, node);
const renewTime = async (node: string) => ((await lease(node)).spec as { renewTime: string }).renewTime;

describe('node leases', () => {
  it('every Ready node gets its lease in kube-node-lease, held by the node, owned by it', async () => {
    await m.settle();
    const nodes = (await listObjects(s, NODES, {})).items.map((n) => metaOf(n).name!).sort();
    const leases = (await listObjects(s, LEASES, { namespace: LEASE_NAMESPACE })).items;
    expect(leases.map((l) => metaOf(l).name).sort()).toEqual(nodes);
    const l = await lease('worker-1');
    expect(l.spec).toEqual({ holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: '2026-11-22T17:00:00.000000Z' });
    const node = await getObject(s, NODES, undefined, 'worker-1');
    expect(metaOf(l).ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'worker-1', uid: metaOf(node).uid }]);
  });

  it('renews every 10 s of the cluster clock, and not in between', async () => {
    await runFor(m, clock, 9000);
    expect(await renewTime('worker-1')).toBe('2026-11-22T17:00:00.000000Z');
    await runFor(m, clock, 1000);
    expect(await renewTime('worker-1')).toBe('2026-11-22T17:00:10.000000Z');
    await runFor(m, clock, 25_000);
    expect(await renewTime('worker-1')).toBe('2026-11-22T17:00:30.000000Z');
  });

  it('a NotReady node\'s lease goes stale; Ready again renews it at once', async () => {
    await setNodeReady(s, 'worker-2', false);
    await m.settle();
    const stale = await renewTime('worker-2');
    await runFor(m, clock, 60_000);
    expect(await renewTime('worker-2')).toBe(stale);
    expect(await renewTime('worker-1')).not.toBe(stale);
    await setNodeReady(s, 'worker-2', true);
    await m.settle();
    expect(await renewTime('worker-2')).toBe(new Date(clock.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'));
  });

  it('a deleted lease comes back; deleting the node takes its lease with it', async () => {
    await deleteObject(s, LEASES, LEASE_NAMESPACE, 'worker-3');
    await m.settle();
    expect((await lease('worker-3')).spec).toMatchObject({ holderIdentity: 'worker-3' });
    await deleteObject(s, NODES, undefined, 'edge-a-2');
    await m.settle();
    expect(await lease('edge-a-2').catch((e) => e.status)).toBe(404);
  });
});
