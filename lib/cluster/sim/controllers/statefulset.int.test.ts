import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { k8sTime, metaOf } from '../objects';
import { createObject, deleteObject, getObject, listObjects, patchObject, type Sim } from '../store';
import { EVENTS } from './events';
import { ClusterManager } from './manager';
import { PVCS, STATEFULSETS, statefulSetController } from './statefulset';
import { CONTROLLER_REVISIONS } from './statefulset-revisions';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');
const NS = 'alpha';

beforeAll(async () => {
  // Only the StatefulSet controller runs: the test plays the kubelet (below), so each step is under its control.
  ({ ts, s, m } = await openSimTestbed(clock, [statefulSetController]));
});
afterAll(() => closeSimTestbed(ts, m));

const statefulSet = (name: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    replicas,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    ...extra,
  },
});

async function podNames(set: string): Promise<string[]> {
  const all = await listObjects(s, PODS, { namespace: NS, labelSelector: `app=${set}` });
  return all.items.map((p) => metaOf(p).name!).sort();
}

const pod = (name: string) => getObject(s, PODS, NS, name);
const sts = (name: string) => getObject(s, STATEFULSETS, NS, name);

/** What the kubelet would write once the pod's containers run and its readiness probe passes. */
async function becomeReady(name: string): Promise<void> {
  const now = k8sTime(clock.now());
  await patchObject(s, PODS, NS, name, 'merge', {
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] },
  }, 'status');
  await m.settle();
}

describe('StatefulSet controller', () => {
  it('OrderedReady: creates web-0 first, with its claim, stable hostname and subdomain, and waits for it to be Running and Ready', async () => {
    await createObject(s, STATEFULSETS, NS, statefulSet('web', 3, {
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    }));
    await m.settle();
    expect(await podNames('web')).toEqual(['web-0']);
    const p0 = await pod('web-0');
    expect(p0.spec).toMatchObject({
      hostname: 'web-0', subdomain: 'web',
      volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }],
    });
    expect(metaOf(p0).labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    const claim = await getObject(s, PVCS, NS, 'www-web-0');
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(metaOf(claim).labels).toEqual({ app: 'web' });

    // Running but not ready: still waits.
    await patchObject(s, PODS, NS, 'web-0', 'merge', { status: { phase: 'Running' } }, 'status');
    await m.settle();
    expect(await podNames('web')).toEqual(['web-0']);

    await becomeReady('web-0');
    expect(await podNames('web')).toEqual(['web-0', 'web-1']);
    await becomeReady('web-1');
    await becomeReady('web-2');
    expect(await podNames('web')).toEqual(['web-0', 'web-1', 'web-2']);

    const events = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=web,reason=SuccessfulCreate' });
    expect(events.items.map((e) => e.message)).toEqual(expect.arrayContaining([
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-2 Pod web-2 in StatefulSet web success',
    ]));
    const revs = await listObjects(s, CONTROLLER_REVISIONS, { namespace: NS });
    expect(revs.items).toHaveLength(1);
    const rev = revs.items[0];
    expect(rev).toMatchObject({ revision: 1, metadata: { ownerReferences: [{ kind: 'StatefulSet', name: 'web', controller: true }] } });
    expect(metaOf(await pod('web-2')).labels?.['controller-revision-hash']).toBe(metaOf(rev).name);
    expect((await sts('web')).status).toEqual({
      observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3,
      currentRevision: metaOf(rev).name, updateRevision: metaOf(rev).name, collisionCount: 0,
    });
  });

  it('RollingUpdate with a partition updates from the highest ordinal down to the partition, one ready pod at a time', async () => {
    const before = (await sts('web')).status as Record<string, unknown>;
    await patchObject(s, STATEFULSETS, NS, 'web', 'merge', {
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }, template: { spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } },
    });
    await m.settle();
    // web-2 was deleted and recreated at the new revision; nothing else moves until it is ready.
    const after = (await sts('web')).status as Record<string, unknown>;
    expect(after.updateRevision).not.toBe(before.updateRevision);
    expect(after.currentRevision).toBe(before.currentRevision);
    const image = async (n: string) => ((await pod(n)).spec as { containers: Array<{ image: string }> }).containers[0].image;
    expect(await image('web-2')).toBe('nginx:alpine');
    expect(await image('web-1')).toBe('nginx:1.27');
    expect(metaOf(await pod('web-2')).labels?.['controller-revision-hash']).toBe(after.updateRevision);
    const deleted = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=web,reason=SuccessfulDelete' });
    expect(deleted.items.map((e) => e.message)).toEqual(['delete Pod web-2 in StatefulSet web successful']);

    await becomeReady('web-2');
    expect(await image('web-1')).toBe('nginx:alpine');
    await becomeReady('web-1');
    // web-0 is below the partition: it keeps the old template.
    expect(await image('web-0')).toBe('nginx:1.27');
    const partial = (await sts('web')).status as Record<string, unknown>;
    expect(partial).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 2, currentReplicas: 1, currentRevision: before.currentRevision });

    await patchObject(s, STATEFULSETS, NS, 'web', 'merge', { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } });
    await m.settle();
    await becomeReady('web-0');
    expect(await image('web-0')).toBe('nginx:alpine');
    const done = (await sts('web')).status as Record<string, unknown>;
    expect(done).toMatchObject({ observedGeneration: 3, updatedReplicas: 3, currentReplicas: 3, currentRevision: done.updateRevision });
    expect((await listObjects(s, CONTROLLER_REVISIONS, { namespace: NS })).items.map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('scales down from the highest ordinal, keeping the claims', async () => {
    await patchObject(s, STATEFULSETS, NS, 'web', 'merge', { spec: { replicas: 1 } });
    await m.settle();
    // One at a time: web-2 goes first; web-1 then goes too since the rest is ready.
    expect(await podNames('web')).toEqual(['web-0']);
    const deleted = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=web,reason=SuccessfulDelete' });
    const order = deleted.items.map((e) => String(e.message)).filter((x) => x.includes('web-1') || x.includes('web-2'));
    expect(order.slice(-2)).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    await getObject(s, PVCS, NS, 'www-web-2');
    expect((await sts('web')).status).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });

  it('replaces a failed pod under the same name', async () => {
    const uid = metaOf(await pod('web-0')).uid;
    await patchObject(s, PODS, NS, 'web-0', 'merge', { status: { phase: 'Failed', conditions: null } }, 'status');
    await m.settle();
    const again = await pod('web-0');
    expect(metaOf(again).uid).not.toBe(uid);
    expect(again.status).toEqual({ phase: 'Pending' });
  });

  it('Parallel creates every ordinal at once; OnDelete leaves running pods at the old template until they are deleted', async () => {
    await createObject(s, STATEFULSETS, NS, statefulSet('db', 3, { podManagementPolicy: 'Parallel', updateStrategy: { type: 'OnDelete' } }));
    await m.settle();
    expect(await podNames('db')).toEqual(['db-0', 'db-1', 'db-2']);
    await patchObject(s, STATEFULSETS, NS, 'db', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'redis' }] } } } });
    await runFor(m, clock, 60_000);
    expect(((await pod('db-1')).spec as { containers: Array<{ image: string }> }).containers[0].image).toBe('nginx:1.27');
    await deleteObject(s, PODS, NS, 'db-1');
    await m.settle();
    expect(((await pod('db-1')).spec as { containers: Array<{ image: string }> }).containers[0].image).toBe('redis');
    const st = (await sts('db')).status as Record<string, unknown>;
    expect(st).toMatchObject({ replicas: 3, updatedReplicas: 1, currentReplicas: 2 });
    expect(st.currentRevision).not.toBe(st.updateRevision);
  });

  it('minReadySeconds: ready pods count as available only after it, and the controller looks again then', async () => {
    await createObject(s, STATEFULSETS, NS, statefulSet('slow', 1, { minReadySeconds: 30 }));
    await m.settle();
    await becomeReady('slow-0');
    expect((await sts('slow')).status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    await runFor(m, clock, 30_000);
    expect((await sts('slow')).status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });

  it('a fresh manager changes nothing that is right', async () => {
    const again = new ClusterManager({ sim: s, controllers: [statefulSetController] });
    const before = (await listObjects(s, PODS, { namespace: NS })).metadata.resourceVersion;
    await again.settle();
    expect((await listObjects(s, PODS, { namespace: NS })).metadata.resourceVersion).toBe(before);
    await again.stop();
  });
});

