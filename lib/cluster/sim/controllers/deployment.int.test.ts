import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/testing/clock';
import { type TestStore } from '@/lib/testing/store';
import { PODS } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { clusterChangesSince, createObject, currentVersion, getObject, listObjects, patchObject, type Sim } from '../store';
import { DEPLOYMENTS } from './deployment';
import { EVENTS } from './events';
import { defaultControllers } from './index';
import { ClusterManager } from './manager';
import { REPLICASETS } from './replicaset';
import { closeSimTestbed, openSimTestbed, runFor } from './testing';

let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, defaultControllers()));
});
afterAll(() => closeSimTestbed(ts, m));

const deployment = (name: string, replicas: number, image: string, spec: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    ...spec,
  },
});

const setImage = (name: string, image: string) =>
  patchObject(s, DEPLOYMENTS, 'beta', name, 'merge', { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });

interface DeploymentStatus {
  observedGeneration: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions: Array<{ type: string; status: string; reason: string; message: string }>;
}
const statusOf = async (name: string) => (await getObject(s, DEPLOYMENTS, 'beta', name)).status as DeploymentStatus;
const setsOf = async (name: string) => (await listObjects(s, REPLICASETS, { namespace: 'beta', labelSelector: `app=${name}` })).items;
const podsOf = async (name: string) => (await listObjects(s, PODS, { namespace: 'beta', labelSelector: `app=${name}` })).items;
const imageOf = (p: K8sObject) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image;
const isReady = (p: K8sObject) => ((p.status as { conditions?: Array<{ type: string; status: string }> })?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Every state the pods of `app` went through after `from`, replayed from the change log. */
async function podHistory(app: string, from: number): Promise<Array<Map<string, K8sObject>>> {
  const live = new Map<string, K8sObject>();
  const states: Array<Map<string, K8sObject>> = [];
  let after = 0;
  for (;;) {
    const { changes, next } = await clusterChangesSince(s, after, 5000);
    for (const ch of changes) {
      if (ch.kind !== PODS || metaOf(ch.object).labels?.app !== app) continue;
      if (ch.type === 'DELETED') live.delete(metaOf(ch.object).name!);
      else live.set(metaOf(ch.object).name!, ch.object);
      if (ch.resourceVersion > from) states.push(new Map(live));
    }
    if (next === after || changes.length < 5000) break;
    after = next;
  }
  return states;
}

describe('Deployment controller', () => {
  it('a 3-replica nginx:alpine Deployment reaches 3 Running, ready pods, with the status rollout status reads', async () => {
    await createObject(s, DEPLOYMENTS, 'beta', deployment('web', 3, 'nginx:alpine'));
    await runFor(m, clock, 2000);
    const pods = await podsOf('web');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => (p.status as { phase: string }).phase === 'Running' && isReady(p))).toBe(true);
    const [rs] = await setsOf('web');
    const hash = metaOf(rs).labels!['pod-template-hash'];
    expect(metaOf(rs).name).toBe(`web-${hash}`);
    expect(metaOf(rs).annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(metaOf(pods[0]).name).toMatch(new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
    const d = await getObject(s, DEPLOYMENTS, 'beta', 'web');
    expect(metaOf(d).annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const st = d.status as DeploymentStatus;
    expect(st).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(st.unavailableReplicas).toBeUndefined();
    expect(st.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'], ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    expect(st.conditions[1].message).toBe(`ReplicaSet "web-${hash}" has successfully progressed.`);
    const ev = await listObjects(s, EVENTS, { namespace: 'beta', fieldSelector: 'involvedObject.name=web,reason=ScalingReplicaSet' });
    expect(ev.items.map((e) => e.message)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('a rolling update keeps within maxSurge and maxUnavailable at every step, and ends on the new template', async () => {
    await createObject(s, DEPLOYMENTS, 'beta', deployment('roll', 10, 'nginx:alpine', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '10%' } } }));
    await runFor(m, clock, 2000);
    expect((await podsOf('roll')).filter(isReady)).toHaveLength(10);
    const from = await currentVersion(s.db, s.clusterId);
    await setImage('roll', 'nginx:1.27');
    await runFor(m, clock, 30_000);
    const states = await podHistory('roll', from);
    expect(states.length).toBeGreaterThan(20);
    for (const st of states) {
      const pods = [...st.values()];
      expect(pods.length).toBeLessThanOrEqual(12);
      expect(pods.filter(isReady).length).toBeGreaterThanOrEqual(9);
    }
    // Both templates ran side by side at some point: it was a rolling update, not a replacement.
    expect(states.some((st) => new Set([...st.values()].map(imageOf)).size === 2)).toBe(true);
    const pods = await podsOf('roll');
    expect(pods.map(imageOf)).toEqual(Array(10).fill('nginx:1.27'));
    const st = await statusOf('roll');
    expect(st).toMatchObject({ observedGeneration: 2, replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
    expect(st.conditions.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    const sets = await setsOf('roll');
    expect(sets.map((rs) => [metaOf(rs).annotations?.['deployment.kubernetes.io/revision'], (rs.spec as { replicas: number }).replicas]).sort()).toEqual([['1', 0], ['2', 10]]);
  });

  it('rollback: re-applying the old template reuses the old ReplicaSet and makes it the newest revision', async () => {
    const before = await setsOf('roll');
    const first = before.find((rs) => metaOf(rs).annotations?.['deployment.kubernetes.io/revision'] === '1')!;
    await setImage('roll', 'nginx:alpine');
    await runFor(m, clock, 30_000);
    const after = await setsOf('roll');
    expect(after.map((rs) => metaOf(rs).name).sort()).toEqual(before.map((rs) => metaOf(rs).name).sort());
    const reused = after.find((rs) => metaOf(rs).uid === metaOf(first).uid)!;
    expect(metaOf(reused).annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect((reused.spec as { replicas: number }).replicas).toBe(10);
    expect(metaOf(await getObject(s, DEPLOYMENTS, 'beta', 'roll')).annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect((await podsOf('roll')).map(imageOf)).toEqual(Array(10).fill('nginx:alpine'));
  });

  it('Recreate: all old pods are gone before any new one exists', async () => {
    await createObject(s, DEPLOYMENTS, 'beta', deployment('rec', 3, 'redis:7.2', { strategy: { type: 'Recreate' } }));
    await runFor(m, clock, 2000);
    const from = await currentVersion(s.db, s.clusterId);
    await setImage('rec', 'redis:alpine');
    await runFor(m, clock, 10_000);
    const states = await podHistory('rec', from);
    for (const st of states) expect(new Set([...st.values()].map(imageOf)).size).toBeLessThanOrEqual(1);
    expect(states.some((st) => st.size === 0)).toBe(true);
    const pods = await podsOf('rec');
    expect(pods.map(imageOf)).toEqual(['redis:alpine', 'redis:alpine', 'redis:alpine']);
    expect(pods.every(isReady)).toBe(true);
  });

  it('a rollout that cannot progress turns Progressing False with ProgressDeadlineExceeded after progressDeadlineSeconds', async () => {
    await createObject(s, DEPLOYMENTS, 'beta', deployment('stuck', 2, 'nginx:alpine', { progressDeadlineSeconds: 30 }));
    await runFor(m, clock, 2000);
    await setImage('stuck', 'nginx:no-such-tag');
    await runFor(m, clock, 20_000);
    expect((await statusOf('stuck')).conditions.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    await runFor(m, clock, 15_000);
    const st = await statusOf('stuck');
    expect(st.conditions.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(st.conditions.find((c) => c.type === 'Progressing')!.message).toMatch(/^ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/);
    // The old pods keep serving: maxUnavailable (25% of 2, rounded down) is 0.
    expect(st.availableReplicas).toBe(2);
  });

  it('revisionHistoryLimit keeps that many old ReplicaSets', async () => {
    await createObject(s, DEPLOYMENTS, 'beta', deployment('hist', 1, 'busybox:1.36', { revisionHistoryLimit: 1 }));
    await runFor(m, clock, 2000);
    for (const tag of ['latest', '1.36', 'latest']) {
      await patchObject(s, DEPLOYMENTS, 'beta', 'hist', 'merge', { spec: { template: { metadata: { annotations: { tag: `${tag}-${clock.now().getTime()}` } } } } });
      await runFor(m, clock, 5000);
    }
    const sets = await setsOf('hist');
    expect(sets).toHaveLength(2);
    expect(sets.map((rs) => metaOf(rs).annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });

  it('a settled Deployment woken later keeps its status: conditions that say the same keep their lastUpdateTime, and nothing is written', async () => {
    await createObject(s, DEPLOYMENTS, 'beta', deployment('calm', 2, 'nginx:alpine'));
    await runFor(m, clock, 5000);
    const settled = await statusOf('calm');
    expect(settled.availableReplicas).toBe(2);
    // Seconds later something else about the Deployment changes: the controller reconciles it again.
    clock.set(new Date(clock.now().getTime() + 7000));
    const touched = await patchObject(s, DEPLOYMENTS, 'beta', 'calm', 'merge', { metadata: { annotations: { note: 'touched' } } });
    await runFor(m, clock, 5000);
    const after = await getObject(s, DEPLOYMENTS, 'beta', 'calm');
    expect(metaOf(after).resourceVersion).toBe(metaOf(touched).resourceVersion);
    expect((after.status as DeploymentStatus).conditions).toEqual(settled.conditions);
  });
});
