import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { NODES, PODS } from '../kinds';
import { k8sTime, metaOf, type K8sObject } from '../objects';
import { createObject, deleteObject, getObject, listObjects, patchObject, type Sim } from '../store';
import { DAEMONSETS, daemonSetController } from './daemonset';
import { EVENTS } from './events';
import { ClusterManager } from './manager';
import { closeSimTestbed, openSimTestbed } from './testing';
import { createScheduler } from './scheduler';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');
const NS = 'alpha';

beforeAll(async () => {
  // The DaemonSet controller and the real scheduler (which binds the pinned pods); the test plays the kubelet (readyAll).
  ({ ts, s, m } = await openSimTestbed(clock, [daemonSetController, createScheduler()]));
});
afterAll(() => closeSimTestbed(ts, m));

const daemonSet = (name: string, podSpec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:alpine' }], ...podSpec } },
    ...extra,
  },
});

async function podsOf(name: string): Promise<K8sObject[]> {
  return (await listObjects(s, PODS, { namespace: NS, labelSelector: `app=${name}` })).items;
}
const nodesOf = async (name: string) => (await podsOf(name)).map((p) => (p.spec as { nodeName?: string }).nodeName ?? '').sort();
const dsStatus = async (name: string) => (await getObject(s, DAEMONSETS, NS, name)).status as Record<string, unknown>;
const image = (p: K8sObject) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image;

async function readyAll(name: string): Promise<void> {
  const now = k8sTime(clock.now());
  for (const p of await podsOf(name)) {
    if ((p.status as { phase?: string }).phase === 'Running') continue;
    await patchObject(s, PODS, NS, metaOf(p).name!, 'merge', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } }, 'status');
  }
  await m.settle();
}

describe('DaemonSet controller', () => {
  it('runs one pod per eligible node, pinned by node affinity, with the daemon tolerations; tainted edge nodes are skipped', async () => {
    await createObject(s, DAEMONSETS, NS, daemonSet('agent'));
    await m.settle();
    expect(await nodesOf('agent')).toEqual(['worker-1', 'worker-2', 'worker-3']);
    const p = (await podsOf('agent')).find((x) => (x.spec as { nodeName: string }).nodeName === 'worker-2')!;
    expect(p.spec).toMatchObject({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-2'] }] }] } } },
      tolerations: expect.arrayContaining([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ]),
    });
    expect(metaOf(p).labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1', 'controller-revision-hash': expect.stringMatching(/^[bcdfghjklmnpqrstvwxz2456789]+$/) });
    expect(await dsStatus('agent')).toEqual({
      desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 3, numberUnavailable: 3, observedGeneration: 1,
    });
    await readyAll('agent');
    expect(await dsStatus('agent')).toMatchObject({ numberReady: 3, numberAvailable: 3 });
    expect((await dsStatus('agent')).numberUnavailable).toBeUndefined();
    const ev = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=agent,reason=SuccessfulCreate' });
    expect(ev.items).toHaveLength(3);
    expect(ev.items[0]).toMatchObject({ message: expect.stringMatching(/^Created pod: agent-[a-z0-9]{5}$/), source: { component: 'daemonset-controller' } });
  });

  it('nodeSelector and tolerations pick the edge nodes', async () => {
    await createObject(s, DAEMONSETS, NS, daemonSet('edge', {
      nodeSelector: { 'pier.io/node-group': 'edge-a' },
      tolerations: [{ key: 'node-role.kubernetes.io/edge', operator: 'Exists' }],
    }));
    await m.settle();
    expect(await nodesOf('edge')).toEqual(['edge-a-1', 'edge-a-2']);
    expect(await dsStatus('edge')).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2 });
  });

  it('follows nodes: a new node gets a pod, a removed node loses it, a NoSchedule taint evicts it, not-ready is tolerated', async () => {
    await createObject(s, NODES, undefined, {
      metadata: { name: 'worker-4', labels: { 'kubernetes.io/hostname': 'worker-4', 'kubernetes.io/os': 'linux' } },
      status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    await m.settle();
    expect(await nodesOf('agent')).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4']);
    expect(await dsStatus('agent')).toMatchObject({ desiredNumberScheduled: 4 });

    await patchObject(s, NODES, undefined, 'worker-3', 'merge', { spec: { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] } });
    await m.settle();
    expect(await nodesOf('agent')).toContain('worker-3');

    await patchObject(s, NODES, undefined, 'worker-3', 'merge', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } });
    await m.settle();
    expect(await nodesOf('agent')).toEqual(['worker-1', 'worker-2', 'worker-4']);

    await deleteObject(s, NODES, undefined, 'worker-4');
    await m.settle();
    expect(await nodesOf('agent')).toEqual(['worker-1', 'worker-2']);
    expect(await dsStatus('agent')).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0 });
    await patchObject(s, NODES, undefined, 'worker-3', 'merge', { spec: { taints: null } });
    await m.settle();
    await readyAll('agent');
    expect(await nodesOf('agent')).toEqual(['worker-1', 'worker-2', 'worker-3']);
  });

  it('RollingUpdate with maxUnavailable 1 replaces one node at a time, waiting for the new pod to be ready', async () => {
    await patchObject(s, DAEMONSETS, NS, 'agent', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } });
    await m.settle();
    let pods = await podsOf('agent');
    expect(pods).toHaveLength(3);
    expect(pods.filter((p) => image(p) === 'nginx:1.27')).toHaveLength(1);
    await m.settle();
    expect((await podsOf('agent')).filter((p) => image(p) === 'nginx:1.27')).toHaveLength(1);
    await readyAll('agent');
    await readyAll('agent');
    await readyAll('agent');
    pods = await podsOf('agent');
    expect(pods.map(image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    expect(await dsStatus('agent')).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3, desiredNumberScheduled: 3 });
  });

  it('RollingUpdate with maxSurge starts the new pod beside the old one and removes the old one once the new one is available', async () => {
    await patchObject(s, DAEMONSETS, NS, 'edge', 'merge', {
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
    });
    await readyAll('edge');
    await patchObject(s, DAEMONSETS, NS, 'edge', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'redis' }] } } } });
    await m.settle();
    let pods = await podsOf('edge');
    expect(pods).toHaveLength(3);
    expect(pods.filter((p) => image(p) === 'redis')).toHaveLength(1);
    await readyAll('edge');
    pods = await podsOf('edge');
    expect(pods).toHaveLength(3);
    await readyAll('edge');
    pods = await podsOf('edge');
    expect(pods.map(image)).toEqual(['redis', 'redis']);
    expect(await nodesOf('edge')).toEqual(['edge-a-1', 'edge-a-2']);
  });

  it('OnDelete leaves pods at the old template until they are deleted', async () => {
    await createObject(s, DAEMONSETS, NS, daemonSet('manual', {}, { updateStrategy: { type: 'OnDelete' } }));
    await m.settle();
    await patchObject(s, DAEMONSETS, NS, 'manual', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } });
    await m.settle();
    const pods = await podsOf('manual');
    expect(pods.map(image)).toEqual(['nginx:alpine', 'nginx:alpine', 'nginx:alpine']);
    await deleteObject(s, PODS, NS, metaOf(pods[0]).name!);
    await m.settle();
    expect((await podsOf('manual')).map(image).sort()).toEqual(['busybox', 'nginx:alpine', 'nginx:alpine']);
  });
});
