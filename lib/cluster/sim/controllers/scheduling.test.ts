import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../objects';
import { affinityContext, filterReasons, fitErrorMessage, NodePods, nodeView, pickNode, podRequests } from './scheduling';

const node = (name: string, o: { labels?: Record<string, string>; taints?: object[]; cpu?: string; unschedulable?: boolean } = {}): K8sObject => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
  spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
  status: { allocatable: { cpu: o.cpu ?? '4', memory: '8Gi', pods: '110' } },
});

const pod = (spec: Record<string, unknown> = {}, requests?: Record<string, string>, labels?: Record<string, string>): K8sObject => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u-p', labels },
  spec: { containers: [{ name: 'c', image: 'x', ...(requests ? { resources: { requests } } : {}) }], ...spec },
  status: { phase: 'Pending' },
});

const reasons = (p: K8sObject, n: K8sObject, pods: K8sObject[] = []) => {
  const v = nodeView(n, pods);
  return filterReasons(p, v, affinityContext(p, [v]));
};

describe('scheduler filters', () => {
  it('requests: limits stand in for requests; init containers count by their largest', () => {
    const p = pod({ initContainers: [{ name: 'i', resources: { requests: { cpu: '3' } } }] }, { cpu: '500m', memory: '128Mi' });
    expect(podRequests(p)).toMatchObject({ cpu: 3000, memory: 128 * 2 ** 20 });
    expect(podRequests(pod({ containers: [{ name: 'c', resources: { limits: { cpu: '2' } } }] })).cpu).toBe(2000);
  });

  it('insufficient resources name each resource short; a pod with no requests fits any room', () => {
    const used = pod({ nodeName: 'n' }, { cpu: '3500m' });
    (used.status as Record<string, unknown>).phase = 'Running';
    expect(reasons(pod({}, { cpu: '1', memory: '16Gi' }), node('n'), [used])).toEqual(['Insufficient cpu', 'Insufficient memory']);
    expect(reasons(pod({}, { cpu: '500m' }), node('n'), [used])).toEqual([]);
    expect(reasons(pod(), node('n'), [used])).toEqual([]);
    // Finished pods give their room back.
    (used.status as Record<string, unknown>).phase = 'Succeeded';
    expect(reasons(pod({}, { cpu: '1' }), node('n'), [used])).toEqual([]);
  });

  it('taints: NoSchedule and NoExecute need a toleration; PreferNoSchedule does not', () => {
    const tainted = node('e', { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] });
    expect(reasons(pod(), tainted)).toEqual(['node(s) had untolerated taint {k: v}']);
    expect(reasons(pod({ tolerations: [{ key: 'k', operator: 'Equal', value: 'v' }] }), tainted)).toEqual([]);
    expect(reasons(pod({ tolerations: [{ key: 'k', operator: 'Equal', value: 'w' }] }), tainted)).toHaveLength(1);
    expect(reasons(pod({ tolerations: [{ operator: 'Exists' }] }), tainted)).toEqual([]);
    expect(reasons(pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }] }), tainted)).toHaveLength(1);
    expect(reasons(pod(), node('s', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }))).toEqual([]);
  });

  it('unschedulable nodes, nodeSelector, required node affinity (In, NotIn, Gt; terms ORed)', () => {
    expect(reasons(pod(), node('c', { unschedulable: true }))).toEqual(['node(s) were unschedulable']);
    const n = node('z', { labels: { zone: 'a', gpu: '4' } });
    expect(reasons(pod({ nodeSelector: { zone: 'b' } }), n)).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    const affinity = (terms: object[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    expect(reasons(pod(affinity([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }])), n)).toEqual([]);
    expect(reasons(pod(affinity([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }])), n)).toHaveLength(1);
    expect(reasons(pod(affinity([{ matchExpressions: [{ key: 'gpu', operator: 'Gt', values: ['2'] }] }])), n)).toEqual([]);
    expect(reasons(pod(affinity([
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['z'] }] },
    ])), n)).toEqual([]);
  });

  it('pod affinity: the first pod of a group that matches itself may go anywhere; then it follows its group', () => {
    const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
    const p = pod({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }, undefined, { app: 'db' });
    expect(reasons(p, node('a'))).toEqual([]);
    const other = { ...pod({ nodeName: 'b' }, undefined, { app: 'db' }), metadata: { name: 'o', namespace: 'ns', uid: 'u-o', labels: { app: 'db' } } };
    const a = nodeView(node('a'), []);
    const b = nodeView(node('b'), [other]);
    const ctx = affinityContext(p, [a, b]);
    expect(filterReasons(p, a, ctx)).toEqual(["node(s) didn't match pod affinity rules"]);
    expect(filterReasons(p, b, ctx)).toEqual([]);
  });

  it('scoring spreads a controller\'s pods and honours preferred node affinity', () => {
    const owner = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1', controller: true }];
    const sibling = { ...pod({ nodeName: 'a' }), metadata: { name: 's', namespace: 'ns', uid: 'u-s', ownerReferences: owner } };
    const p = { ...pod(), metadata: { name: 'p', namespace: 'ns', uid: 'u-p', ownerReferences: owner } };
    expect(pickNode(p, [nodeView(node('a'), [sibling]), nodeView(node('b'), [])])!.name).toBe('b');
    const pref = pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } } });
    expect(pickNode(pref, [nodeView(node('a'), []), nodeView(node('b', { labels: { disk: 'ssd' } }), [])])!.name).toBe('b');
  });
});

describe('NodePods: a node\'s pods counted one change at a time', () => {
  const owned = (name: string, uid: string, cpu: string, phase = 'Running'): K8sObject => ({
    metadata: { name, namespace: 'ns', uid: `u-${name}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid, controller: true }] },
    spec: { nodeName: 'n', containers: [{ name: 'c', resources: { requests: { cpu, memory: '1Mi', 'example.com/gpu': '1' } } }] },
    status: { phase },
  });

  it('adds, replaces and removes a pod\'s requests and its controller\'s count; finished pods count for nothing', () => {
    const t = new NodePods();
    t.set('ns/a', owned('a', 'rs-1', '500m'));
    t.set('ns/b', owned('b', 'rs-1', '250m'));
    t.set('ns/c', owned('c', 'rs-2', '100m'));
    expect(t.requested).toMatchObject({ cpu: 850, memory: 3 * 2 ** 20, pods: 3, other: { 'example.com/gpu': 3 } });
    expect([...t.owners]).toEqual([['rs-1', 2], ['rs-2', 1]]);
    // The same pod again with other requests replaces what it counted for.
    t.set('ns/a', owned('a', 'rs-1', '1'));
    expect(t.requested).toMatchObject({ cpu: 1350, pods: 3 });
    t.set('ns/b', owned('b', 'rs-1', '250m', 'Succeeded'));
    t.set('ns/c', undefined);
    expect(t.requested).toMatchObject({ cpu: 1000, memory: 2 ** 20, pods: 1, other: { 'example.com/gpu': 1 } });
    expect([...t.owners]).toEqual([['rs-1', 1]]);
    expect([...t.pods.keys()]).toEqual(['ns/a']);
    t.set('ns/a', undefined);
    expect(t.requested).toMatchObject({ cpu: 0, memory: 0, pods: 0, other: {} });
    expect(t.owners.size).toBe(0);
  });

  it('nodeView counts the same as a tally built one pod at a time', () => {
    const pods = [owned('a', 'rs-1', '500m'), owned('b', 'rs-1', '250m'), owned('d', 'rs-1', '1', 'Failed')];
    const v = nodeView(node('n'), pods);
    expect(v.requested).toMatchObject({ cpu: 750, pods: 2 });
    expect(v.owners.get('rs-1')).toBe(2);
    expect([...v.pods].map((p) => (p.metadata as { name: string }).name)).toEqual(['a', 'b']);
  });
});

describe('FitError message', () => {
  it('sorts "count reason" entries as strings and adds the preemption summary', () => {
    expect(fitErrorMessage(5, [
      ['Insufficient cpu'], ['Insufficient cpu'], ['Insufficient cpu'],
      ['node(s) had untolerated taint {node-role.kubernetes.io/edge: }'], ['node(s) had untolerated taint {node-role.kubernetes.io/edge: }'],
    ])).toBe('0/5 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/edge: }, 3 Insufficient cpu. '
      + 'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');
  });

  it('a node with two resource shortfalls counts once for each; no nodes at all has its own message', () => {
    expect(fitErrorMessage(1, [['Insufficient cpu', 'Insufficient memory']])).toBe(
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    expect(fitErrorMessage(0, [])).toBe('no nodes available to schedule pods');
  });
});
