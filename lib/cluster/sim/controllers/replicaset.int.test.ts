import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { createObject, deleteObject, listObjects, patchObject, type Sim } from '../store';
import { EVENTS } from './events';
import { ClusterManager } from './manager';
import { closeSimTestbed, openSimTestbed } from './testing';
import { REPLICASETS, replicaSetController } from './replicaset';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, [replicaSetController]));
});
afterAll(() => closeSimTestbed(ts, m));

const replicaSet = (name: string, replicas: number) => ({
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } },
  },
});

async function podsOf(rs: K8sObject): Promise<K8sObject[]> {
  const all = await listObjects(s, PODS, { namespace: 'alpha' });
  return all.items.filter((p) => metaOf(p).ownerReferences?.some((r) => r.uid === metaOf(rs).uid && r.controller));
}

describe('ReplicaSet controller', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet, with events and status', async () => {
    const rs = await createObject(s, REPLICASETS, 'alpha', replicaSet('web', 3));
    await m.settle();
    const pods = await podsOf(rs);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(metaOf(p).name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(metaOf(p).labels).toEqual({ app: 'web' });
      expect(metaOf(p).ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: metaOf(rs).uid, controller: true, blockOwnerDeletion: true }]);
    }
    const events = await listObjects(s, EVENTS, { namespace: 'alpha', fieldSelector: 'involvedObject.name=web,reason=SuccessfulCreate' });
    expect(events.items.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${metaOf(p).name}`).sort());
    expect(events.items[0]).toMatchObject({ type: 'Normal', count: 1, source: { component: 'replicaset-controller' }, involvedObject: { kind: 'ReplicaSet', name: 'web' } });
    const after = (await listObjects(s, REPLICASETS, { namespace: 'alpha', fieldSelector: 'metadata.name=web' })).items[0];
    expect(after.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('replaces a deleted pod and scales down, removing pods', async () => {
    const rs = (await listObjects(s, REPLICASETS, { namespace: 'alpha', fieldSelector: 'metadata.name=web' })).items[0];
    const [first] = await podsOf(rs);
    await deleteObject(s, PODS, 'alpha', metaOf(first).name!);
    await m.settle();
    const replaced = await podsOf(rs);
    expect(replaced).toHaveLength(3);
    expect(replaced.map((p) => metaOf(p).name)).not.toContain(metaOf(first).name);

    await patchObject(s, REPLICASETS, 'alpha', 'web', 'merge', { spec: { replicas: 1 } });
    await m.settle();
    expect(await podsOf(rs)).toHaveLength(1);
    const deleted = await listObjects(s, EVENTS, { namespace: 'alpha', fieldSelector: 'involvedObject.name=web,reason=SuccessfulDelete' });
    expect(deleted.items).toHaveLength(2);
    const now = (await listObjects(s, REPLICASETS, { namespace: 'alpha', fieldSelector: 'metadata.name=web' })).items[0];
    expect(now.status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, observedGeneration: 2 });
  });

  it('a fresh manager (a new leader) picks up the cluster from the store and changes nothing that is right', async () => {
    const again = new ClusterManager({ sim: s, controllers: [replicaSetController] });
    const before = (await listObjects(s, PODS, { namespace: 'alpha' })).metadata.resourceVersion;
    await again.settle();
    expect((await listObjects(s, PODS, { namespace: 'alpha' })).metadata.resourceVersion).toBe(before);
    await again.stop();
  });
});
