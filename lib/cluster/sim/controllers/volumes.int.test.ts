import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { metaOf } from '../objects';
import { createObject, deleteObject, getObject, listObjects, type Sim } from '../store';
import { EVENTS } from './events';
import { defaultControllers } from './index';
import { ClusterManager } from './manager';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';
import { PVCS, PVS, STORAGE_CLASSES } from './volumes';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, defaultControllers()));
});
afterAll(() => closeSimTestbed(ts, m));

const claim = (name: string, spec: Record<string, unknown> = {}) =>
  createObject(s, PVCS, 'alpha', { metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, ...spec } });

const reasons = async (name: string) =>
  (await listObjects(s, EVENTS, { namespace: 'alpha', fieldSelector: `involvedObject.name=${name}` })).items.map((e) => e.reason);

describe('PVC binding', () => {
  it('a claim without a class gets the seeded default class, a provisioned PV, and is Bound, with events', async () => {
    const pvc = await claim('data');
    await m.settle();
    const bound = await getObject(s, PVCS, 'alpha', 'data');
    const pvName = `pvc-${metaOf(pvc).uid}`;
    expect(bound.spec).toMatchObject({ storageClassName: 'standard', volumeName: pvName });
    expect(bound.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    const pv = await getObject(s, PVS, undefined, pvName);
    expect(pv.spec).toMatchObject({ capacity: { storage: '2Gi' }, storageClassName: 'standard', persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'alpha', name: 'data', uid: metaOf(pvc).uid } });
    expect(pv.status).toEqual({ phase: 'Bound' });
    expect(await reasons('data')).toEqual(expect.arrayContaining(['Provisioning', 'ProvisioningSucceeded']));
  });

  it('deleting the claim deletes its provisioned volume (reclaimPolicy Delete)', async () => {
    const pvc = await getObject(s, PVCS, 'alpha', 'data');
    await deleteObject(s, PVCS, 'alpha', 'data');
    await m.settle();
    expect((await listObjects(s, PVS, { fieldSelector: `metadata.name=pvc-${metaOf(pvc).uid}` })).items).toHaveLength(0);
  });

  it('WaitForFirstConsumer: Pending until a pod using it is scheduled, then provisioned on that pod\'s node', async () => {
    await createObject(s, STORAGE_CLASSES, undefined, { metadata: { name: 'late' }, provisioner: 'pier.io/simulated-hostpath', volumeBindingMode: 'WaitForFirstConsumer' });
    await claim('late-data', { storageClassName: 'late' });
    await m.settle();
    expect((await getObject(s, PVCS, 'alpha', 'late-data')).status).toEqual({ phase: 'Pending' });
    expect(await reasons('late-data')).toEqual(['WaitForFirstConsumer']);
    await createObject(s, PODS, 'alpha', { metadata: { name: 'user' }, spec: {
      containers: [{ name: 'c', image: 'redis:7.2' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'late-data' } }],
    } });
    await runFor(m, clock, 2000);
    const node = ((await getObject(s, PODS, 'alpha', 'user')).spec as { nodeName: string }).nodeName;
    const bound = await getObject(s, PVCS, 'alpha', 'late-data');
    expect((bound.status as { phase: string }).phase).toBe('Bound');
    const pv = await getObject(s, PVS, undefined, (bound.spec as { volumeName: string }).volumeName);
    expect(pv.spec).toMatchObject({ nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } });
  });

  it('a class that does not exist: the claim stays Pending with a ProvisioningFailed warning', async () => {
    await claim('lost', { storageClassName: 'nope' });
    await m.settle();
    expect((await getObject(s, PVCS, 'alpha', 'lost')).status).toEqual({ phase: 'Pending' });
    expect(await reasons('lost')).toEqual(['ProvisioningFailed']);
  });
});
