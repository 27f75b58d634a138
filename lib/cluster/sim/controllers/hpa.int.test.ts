import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { k8sTime, metaOf } from '../objects';
import { createObject, getObject, listObjects, patchObject, type Sim } from '../store';
import { EVENTS } from './events';
import { HPAS, hpaController } from './hpa';
import { SIMULATED_CPU } from './hpa-metrics';
import { ClusterManager } from './manager';
import { REPLICASETS, replicaSetController } from './replicaset';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');
const NS = 'alpha';

beforeAll(async () => {
  // The ReplicaSet controller makes the pods; the test plays the kubelet (readyAll) so pods are ready when it says.
  ({ ts, s, m } = await openSimTestbed(clock, [replicaSetController, hpaController]));
});
afterAll(() => closeSimTestbed(ts, m));

const replicaSet = (name: string, replicas: number, cpu?: string) => ({
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'c', image: 'nginx:alpine', ...(cpu ? { resources: { requests: { cpu } } } : {}) }] },
    },
  },
});

const hpa = (name: string, target: { kind: string; name: string }, min: number, max: number, utilization = 50) => ({
  metadata: { name },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', ...target },
    minReplicas: min,
    maxReplicas: max,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } } }],
  },
});

async function readyAll(app: string): Promise<void> {
  const now = k8sTime(clock.now());
  for (const p of (await listObjects(s, PODS, { namespace: NS, labelSelector: `app=${app}` })).items) {
    if ((p.status as { phase?: string }).phase === 'Running') continue;
    await patchObject(s, PODS, NS, metaOf(p).name!, 'merge', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } }, 'status');
  }
  await m.settle();
}

const load = (rs: string, cpu: string) => patchObject(s, REPLICASETS, NS, rs, 'merge', { metadata: { annotations: { [SIMULATED_CPU]: cpu } } });
const replicas = async (rs: string) => (await getObject(s, REPLICASETS, NS, rs)).spec as { replicas: number };
const hpaStatus = async (name: string) => (await getObject(s, HPAS, NS, name)).status as Record<string, unknown>;
const condition = async (name: string, type: string) => ((await hpaStatus(name)).conditions as Array<{ type: string; message?: string }>).find((c) => c.type === type);

describe('HorizontalPodAutoscaler controller', () => {
  it('scales up by ceil(current × utilization / target), records SuccessfulRescale and the metric', async () => {
    await createObject(s, REPLICASETS, NS, replicaSet('web', 2, '100m'));
    await m.settle();
    await readyAll('web');
    await load('web', '200m');
    await createObject(s, HPAS, NS, hpa('web', { kind: 'ReplicaSet', name: 'web' }, 1, 5));
    await m.settle();
    // 200m over 2 pods requesting 100m each: 100% against 50% → 2 × 2 = 4.
    expect((await replicas('web')).replicas).toBe(4);
    const st = await hpaStatus('web');
    expect(st).toMatchObject({
      observedGeneration: 1, desiredReplicas: 4, currentReplicas: 2, lastScaleTime: '2026-03-01T10:00:00Z',
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '100m' } } }],
    });
    expect(st.conditions).toEqual([
      expect.objectContaining({ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 4' }),
      expect.objectContaining({ type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' }),
      expect.objectContaining({ type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange' }),
    ]);
    const ev = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=web,reason=SuccessfulRescale' });
    expect(ev.items.map((e) => e.message)).toEqual(['New size: 4; reason: cpu resource utilization (percentage of request) above target']);
    expect(ev.items[0]).toMatchObject({ involvedObject: { kind: 'HorizontalPodAutoscaler' }, source: { component: 'horizontal-pod-autoscaler' } });
  });

  it('holds still within the 10% tolerance, and stops at maxReplicas with ScalingLimited', async () => {
    await readyAll('web');
    await runFor(m, clock, 15_000);
    expect(await hpaStatus('web')).toMatchObject({ desiredReplicas: 4, currentReplicas: 4 });
    expect(await condition('web', 'AbleToScale')).toMatchObject({ reason: 'ReadyForNewScale' });
    // 216m over 4 pods: 54% against 50%, a ratio of 1.08.
    await load('web', '216m');
    await runFor(m, clock, 15_000);
    expect((await replicas('web')).replicas).toBe(4);
    expect((await hpaStatus('web')).currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 54, averageValue: '54m' } } }]);

    await load('web', '2000m');
    await runFor(m, clock, 15_000);
    expect((await replicas('web')).replicas).toBe(5);
    expect(await condition('web', 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
  });

  it('scales down only after the 5-minute stabilization window, to the highest recent recommendation', async () => {
    await readyAll('web');
    await load('web', '100m');
    await runFor(m, clock, 15_000);
    // 100m over 5 pods: 20% → 2 pods, but 5 was recommended within the window.
    expect((await replicas('web')).replicas).toBe(5);
    expect(await condition('web', 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized' });
    await runFor(m, clock, 300_000);
    expect((await replicas('web')).replicas).toBe(2);
    const ev = await listObjects(s, EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=web,reason=SuccessfulRescale' });
    expect(ev.items.map((e) => e.message)).toContain('New size: 2; reason: All metrics below target');
  });

  it('never goes below minReplicas', async () => {
    await load('web', '0');
    await runFor(m, clock, 330_000);
    expect((await replicas('web')).replicas).toBe(1);
    expect(await hpaStatus('web')).toMatchObject({ desiredReplicas: 1 });
  });

  it('says why it cannot scale: a missing target, pods without cpu requests', async () => {
    await createObject(s, HPAS, NS, hpa('ghost', { kind: 'Deployment', name: 'ghost' }, 1, 3));
    await createObject(s, REPLICASETS, NS, replicaSet('noreq', 1));
    await m.settle();
    await readyAll('noreq');
    await createObject(s, HPAS, NS, hpa('noreq', { kind: 'ReplicaSet', name: 'noreq' }, 1, 3));
    await m.settle();
    expect(await condition('ghost', 'AbleToScale')).toMatchObject({
      status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "ghost" not found',
    });
    expect(await condition('noreq', 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric' });
    expect((await condition('noreq', 'ScalingActive'))?.message).toContain('missing request for cpu');
    expect((await replicas('noreq')).replicas).toBe(1);
  });
});
