import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { type K8sObject } from '../objects';
import { createObject, deleteObject, getObject, patchObject, type Sim } from '../store';
import { EventRecorder } from './events';
import { ClusterManager } from './manager';
import { createScheduler } from './scheduler';
import { closeSimTestbed, openSimTestbed } from './testing';
import { Writer } from './writer';

// The scheduler alone (no kubelet): pods stay Pending once bound, and the test decides when they finish.
let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const scheduler = createScheduler();
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, [scheduler]));
});
afterAll(() => closeSimTestbed(ts, m));

/** A pod that only worker-1 may take, asking for 3 of its 4 CPUs: worker-1 holds one at a time. */
const big = (name: string) => createObject(s, PODS, 'alpha', {
  metadata: { name },
  spec: { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, containers: [{ name: 'main', image: 'nginx:alpine', resources: { requests: { cpu: '3' } } }] },
});
const nodeOf = async (name: string) => ((await getObject(s, PODS, 'alpha', name)).spec as { nodeName?: string }).nodeName;
const reasonOf = async (name: string) => ((await getObject(s, PODS, 'alpha', name)).status as { conditions?: Array<{ message?: string }> }).conditions?.[0]?.message;

describe('scheduler: a node\'s room follows its pods', () => {
  it('a bound pod takes the room; deleting it or its finishing gives the room to the pod that waited', async () => {
    await big('first');
    await m.settle();
    expect(await nodeOf('first')).toBe('worker-1');
    await big('second');
    await m.settle();
    expect(await nodeOf('second')).toBeUndefined();
    expect(await reasonOf('second')).toContain('1 Insufficient cpu');

    await deleteObject(s, PODS, 'alpha', 'first');
    await m.settle();
    expect(await nodeOf('second')).toBe('worker-1');

    await big('third');
    await m.settle();
    expect(await nodeOf('third')).toBeUndefined();
    // A finished pod no longer counts against its node.
    await patchObject(s, PODS, 'alpha', 'second', 'merge', { status: { phase: 'Succeeded' } }, 'status');
    await m.settle();
    expect(await nodeOf('third')).toBe('worker-1');
  });

  it('a binding rolled back with its batch does not keep holding the node\'s room', async () => {
    await deleteObject(s, PODS, 'alpha', 'third');
    await m.settle();
    // Another scheduler's pod: only the test binds it, in a batch of the manager's cache that then rolls back.
    await createObject(s, PODS, 'alpha', {
      metadata: { name: 'victim' },
      spec: { schedulerName: 'someone-else', containers: [{ name: 'main', image: 'nginx:alpine', resources: { requests: { cpu: '3' } } }] },
    });
    await m.settle();
    const writer = new Writer(s, m.cache, (c) => void scheduler.keysFor(c, m.cache), new EventRecorder(clock));
    await expect(writer.batch(async (w) => {
      const bound = await w.bind('alpha', 'victim', 'worker-1', { type: 'PodScheduled', status: 'True' });
      expect((bound as K8sObject).spec).toMatchObject({ nodeName: 'worker-1' });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await nodeOf('victim')).toBeUndefined();
    await big('after');
    await m.settle();
    expect(await nodeOf('after')).toBe('worker-1');
  });
});
