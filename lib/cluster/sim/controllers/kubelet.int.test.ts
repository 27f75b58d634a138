import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { k8sTime, metaOf, type K8sObject } from '../objects';
import { createObject, getObject, listObjects, patchObject, type Sim } from '../store';
import { EVENTS } from './events';
import { defaultControllers } from './index';
import { ClusterManager } from './manager';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, defaultControllers()));
});
afterAll(() => closeSimTestbed(ts, m));

const pod = (name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  createObject(s, PODS, 'alpha', { metadata: { name }, spec: { containers: [{ name: 'main', ...container }], ...spec } });

const get = (name: string) => getObject(s, PODS, 'alpha', name);
interface ContainerStatus {
  ready: boolean;
  restartCount: number;
  state: { waiting?: { reason: string; message?: string }; running?: { startedAt: string } };
  lastState: { terminated?: { exitCode: number; reason: string } };
}
interface PodStatus {
  phase: string;
  podIP: string;
  hostIP: string;
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
  containerStatuses: ContainerStatus[];
}
const status = (p: K8sObject) => p.status as PodStatus;

async function eventsOf(name: string): Promise<Array<{ reason: string; message: string; type: string; count: number; source: Record<string, string> }>> {
  const list = await listObjects(s, EVENTS, { namespace: 'alpha', fieldSelector: `involvedObject.name=${name}` });
  return list.items
    .sort((a, b) => String(metaOf(a).name).localeCompare(String(metaOf(b).name)))
    .map((e) => ({ reason: e.reason, message: e.message, type: e.type, count: e.count, source: e.source }) as never);
}

describe('scheduler and kubelet', () => {
  it('nginx:alpine: scheduled on a worker, ContainerCreating while pulling, then Running and Ready with events in order', async () => {
    await pod('web', { image: 'nginx:alpine' });
    await m.settle();
    let p = await get('web');
    const node = (p.spec as { nodeName: string }).nodeName;
    expect(node).toMatch(/^worker-[123]$/);
    expect(status(p).phase).toBe('Pending');
    expect(status(p).containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(status(p).conditions.find((c: { type: string }) => c.type === 'PodScheduled')!.status).toBe('True');

    await runFor(m, clock, 1000);
    p = await get('web');
    expect(status(p).phase).toBe('Running');
    expect(status(p).containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-03-01T10:00:01Z' } } });
    expect(status(p).podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(status(p).hostIP).toBeTruthy();
    expect(Object.fromEntries(status(p).conditions.map((c: { type: string; status: string }) => [c.type, c.status]))).toEqual({
      PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True', ContainersReady: 'True', PodScheduled: 'True',
    });
    const ev = await eventsOf('web');
    expect(ev.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev[0]).toMatchObject({ message: `Successfully assigned alpha/web to ${node}`, source: { component: 'default-scheduler' } });
    expect(ev[1]).toMatchObject({ message: 'Pulling image "nginx:alpine"', source: { component: 'kubelet', host: node } });
    expect(ev[2].message).toMatch(/^Successfully pulled image "nginx:alpine" in 1s \(1s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(ev[4].message).toBe('Started container main');
  });

  it('an image the catalog lacks: ErrImagePull, then ImagePullBackOff, pulls again after a growing back-off', async () => {
    await pod('ghost', { image: 'example/ghost:1.0' });
    await runFor(m, clock, 1000);
    let p = await get('ghost');
    expect(status(p).phase).toBe('Pending');
    expect(status(p).containerStatuses[0].state.waiting!.reason).toBe('ErrImagePull');
    await runFor(m, clock, 1000);
    p = await get('ghost');
    expect(status(p).containerStatuses[0].state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "example/ghost:1.0"' });
    let ev = await eventsOf('ghost');
    expect(ev.find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image "example/ghost:1.0": rpc error: code = NotFound'))).toBeTruthy();
    expect(ev.find((e) => e.message === 'Error: ErrImagePull')).toMatchObject({ type: 'Warning', count: 1 });
    expect(ev.find((e) => e.message === 'Error: ImagePullBackOff')).toMatchObject({ type: 'Warning', count: 1 });
    expect(ev.find((e) => e.reason === 'BackOff')).toMatchObject({ message: 'Back-off pulling image "example/ghost:1.0"', count: 1 });
    // 10 s back-off, a second failed pull, then 20 s: pulls are 1 + 10 + 1 + 1 + 20 s apart.
    await runFor(m, clock, 11_000);
    ev = await eventsOf('ghost');
    expect(ev.find((e) => e.reason === 'Pulling')!.count).toBe(2);
    expect(ev.find((e) => e.message === 'Error: ErrImagePull')!.count).toBe(2);
    await runFor(m, clock, 15_000);
    expect((await eventsOf('ghost')).find((e) => e.reason === 'Pulling')!.count).toBe(2);
    await runFor(m, clock, 10_000);
    expect((await eventsOf('ghost')).find((e) => e.reason === 'Pulling')!.count).toBe(3);
  });

  it('library/ and docker.io/library/ spellings of a demo image pull too', async () => {
    await pod('spelled', { image: 'docker.io/library/redis:7.2' });
    await pod('spelled2', { image: 'library/busybox:1.36', command: ['sleep', '3600'] });
    await runFor(m, clock, 1000);
    expect(status(await get('spelled')).phase).toBe('Running');
    expect(status(await get('spelled2')).phase).toBe('Running');
  });

  it('command ["false"] crashes: restarts climb and the pod shows CrashLoopBackOff with BackOff events', async () => {
    await pod('crash', { image: 'busybox:1.36', command: ['false'] });
    await runFor(m, clock, 1000);
    await runFor(m, clock, 3000);
    let cs = status(await get('crash')).containerStatuses[0];
    expect(cs.restartCount).toBe(2);
    expect(cs.state.waiting!.reason).toBe('CrashLoopBackOff');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    await runFor(m, clock, 60_000);
    cs = status(await get('crash')).containerStatuses[0];
    expect(cs.restartCount).toBeGreaterThanOrEqual(4);
    const backoff = (await eventsOf('crash')).find((e) => e.reason === 'BackOff')!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.message).toMatch(/^Back-off restarting failed container main in pod crash_alpha\(/);
    expect(backoff.count).toBeGreaterThanOrEqual(2);
  });

  it('a readiness probe delays Ready by its initialDelaySeconds', async () => {
    await pod('slow', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 } });
    await runFor(m, clock, 1000);
    let p = await get('slow');
    expect(status(p).phase).toBe('Running');
    expect(status(p).containerStatuses[0].ready).toBe(false);
    expect(status(p).conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [main]' });
    await runFor(m, clock, 4000);
    expect(status(await get('slow')).containerStatuses[0].ready).toBe(false);
    await runFor(m, clock, 1000);
    p = await get('slow');
    expect(status(p).containerStatuses[0].ready).toBe(true);
    expect(status(p).conditions.find((c: { type: string }) => c.type === 'Ready')!.status).toBe('True');
  });

  it('a pod that fits nowhere stays Pending with PodScheduled=False and a FailedScheduling event worded like the real one', async () => {
    await pod('huge', { image: 'nginx:alpine', resources: { requests: { cpu: '100' } } });
    await m.settle();
    const p = await get('huge');
    const msg = '0/5 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/edge: }, 3 Insufficient cpu. '
      + 'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    expect((p.spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect(status(p).conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg, lastProbeTime: null, lastTransitionTime: k8sTime(clock.now()) }]);
    const ev = await eventsOf('huge');
    expect(ev).toEqual([{ reason: 'FailedScheduling', message: msg, type: 'Warning', count: 1, source: { component: 'default-scheduler' } }]);
  });

  it('edge nodes take a pod only when it tolerates their taint; nodeSelector picks the group', async () => {
    const edge = { nodeSelector: { 'pier.io/node-group': 'edge-a' } };
    await pod('edge-no', { image: 'nginx:alpine' }, edge);
    await pod('edge-yes', { image: 'nginx:alpine' }, { ...edge, tolerations: [{ key: 'node-role.kubernetes.io/edge', operator: 'Exists', effect: 'NoSchedule' }] });
    await pod('anywhere', { image: 'nginx:alpine' }, { tolerations: [{ key: 'node-role.kubernetes.io/edge', operator: 'Exists' }], nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    await m.settle();
    expect((await get('edge-yes')).spec).toMatchObject({ nodeName: expect.stringMatching(/^edge-a-[12]$/) });
    expect((await get('anywhere')).spec).toMatchObject({ nodeName: expect.stringMatching(/^worker-/) });
    const no = await get('edge-no');
    expect((no.spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect(status(no).conditions[0].message).toBe(
      "0/5 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/edge: }, 3 node(s) didn't match Pod's node affinity/selector. "
      + 'preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.');
  });

  it('required pod anti-affinity by hostname: one per worker, the fourth waits', async () => {
    for (const n of ['a1', 'a2', 'a3', 'a4']) {
      await createObject(s, PODS, 'alpha', { metadata: { name: n, labels: { spread: 'one' } }, spec: {
        containers: [{ name: 'main', image: 'nginx:alpine' }],
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { spread: 'one' } }, topologyKey: 'kubernetes.io/hostname' }] } },
      } });
      await m.settle();
    }
    const nodes = await Promise.all(['a1', 'a2', 'a3', 'a4'].map(async (n) => (await get(n)).spec as { nodeName?: string }));
    expect(new Set(nodes.slice(0, 3).map((x) => x.nodeName))).toEqual(new Set(['worker-1', 'worker-2', 'worker-3']));
    expect(nodes[3].nodeName).toBeUndefined();
    expect(status(await get('a4')).conditions[0].message).toContain("3 node(s) didn't match pod anti-affinity rules");
  });

  it('a resync of running pods writes nothing; a status someone else changed is rendered again', async () => {
    // (The scheduler's resync tries the unschedulable pods again and counts their FailedScheduling events: not pod writes.)
    const versions = async () => (await listObjects(s, PODS, { namespace: 'alpha' })).items.map((p) => `${metaOf(p).name}@${metaOf(p).resourceVersion}`);
    const before = await versions();
    m.resyncNow();
    await m.settle();
    expect(await versions()).toEqual(before);
    const right = status(await get('web'));
    await patchObject(s, PODS, 'alpha', 'web', 'merge', { status: { phase: 'Pending', podIP: '10.0.0.1' } }, 'status');
    await m.settle();
    const now = status(await get('web'));
    expect(now.phase).toBe('Running');
    expect(now.podIP).toBe(right.podIP);
  });
});
