import { describe, expect, it } from 'vitest';
import { findKind, kindOf } from '../../kinds';
import { podSummary } from './core';
import { humanDuration } from './format';
import { includeObjectParam, onlyUnsupportedTables, printerFor, tableRequested, toTable } from './index';

const NOW = new Date('2026-01-10T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const k = (group: string, kind: string) => kindOf(group, kind)!;
const row = (group: string, kind: string, o: object) => printerFor(k(group, kind)).cells(o, NOW);
const names = (group: string, kind: string) => printerFor(k(group, kind)).columns.map((c) => `${c.name}${c.priority ? '*' : ''}`);

describe('humanDuration, as apimachinery words it', () => {
  it.each([
    [0, '0s'], [59, '59s'], [119, '119s'], [120, '2m'], [125, '2m5s'], [599, '9m59s'], [600, '10m'], [10799, '179m'],
    [3 * 3600, '3h'], [3 * 3600 + 60 * 7, '3h7m'], [8 * 3600, '8h'], [47 * 3600, '47h'], [48 * 3600, '2d'], [50 * 3600, '2d2h'],
    [8 * 86400, '8d'], [729 * 86400, '729d'], [730 * 86400, '2y'], [731 * 86400, '2y1d'], [8 * 365 * 86400, '8y'],
  ])('%i s → %s', (s, text) => expect(humanDuration(s * 1000)).toBe(text));

  it('a timestamp a moment in the future is 0s, further is <invalid>', () => {
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-3000)).toBe('<invalid>');
  });
});

describe('Accept negotiation', () => {
  const KUBECTL = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
  it('kubectl\'s Accept gets Table v1; v1beta1 alone gets v1beta1; plain JSON first gets no table', () => {
    expect(tableRequested(KUBECTL)).toBe('v1');
    expect(tableRequested('application/json;as=Table;v=v1beta1;g=meta.k8s.io')).toBe('v1beta1');
    expect(tableRequested('application/json, application/json;as=Table;v=v1;g=meta.k8s.io')).toBeNull();
    expect(tableRequested(null)).toBeNull();
    expect(tableRequested('application/json;as=Table;v=v2;g=meta.k8s.io,application/json')).toBeNull();
  });

  it('only unsupported "as" forms is 406; includeObject takes None, Metadata, Object', () => {
    expect(onlyUnsupportedTables('application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io')).toBe(true);
    expect(onlyUnsupportedTables(KUBECTL)).toBe(false);
    expect(onlyUnsupportedTables('*/*')).toBe(false);
    expect(includeObjectParam(null)).toBe('Metadata');
    expect(includeObjectParam('Object')).toBe('Object');
    expect(() => includeObjectParam('All')).toThrow(/includeObject: Unsupported value: "All"/);
  });
});

describe('printer columns per kind (kubectl 1.30 names; * = wide only)', () => {
  it.each([
    ['', 'Pod', 'Name Ready Status Restarts Age IP* Node* Nominated Node* Readiness Gates*'],
    ['apps', 'Deployment', 'Name Ready Up-to-date Available Age Containers* Images* Selector*'],
    ['', 'Node', 'Name Status Roles Age Version Internal-IP* External-IP* OS-Image* Kernel-Version* Container-Runtime*'],
    ['', 'Service', 'Name Type Cluster-IP External-IP Port(s) Age Selector*'],
    ['apps', 'ReplicaSet', 'Name Desired Current Ready Age Containers* Images* Selector*'],
    ['apps', 'StatefulSet', 'Name Ready Age Containers* Images*'],
    ['apps', 'DaemonSet', 'Name Desired Current Ready Up-to-date Available Node Selector Age Containers* Images* Selector*'],
    ['batch', 'Job', 'Name Status Completions Duration Age Containers* Images* Selector*'],
    ['batch', 'CronJob', 'Name Schedule Timezone Suspend Active Last Schedule Age Containers* Images* Selector*'],
    ['autoscaling', 'HorizontalPodAutoscaler', 'Name Reference Targets MinPods MaxPods Replicas Age'],
    ['networking.k8s.io', 'Ingress', 'Name Class Hosts Address Ports Age'],
    ['', 'PersistentVolumeClaim', 'Name Status Volume Capacity Access Modes StorageClass VolumeAttributesClass Age VolumeMode*'],
    ['', 'PersistentVolume', 'Name Capacity Access Modes Reclaim Policy Status Claim StorageClass VolumeAttributesClass Reason Age VolumeMode*'],
    ['storage.k8s.io', 'StorageClass', 'Name Provisioner ReclaimPolicy VolumeBindingMode AllowVolumeExpansion Age'],
    ['', 'ConfigMap', 'Name Data Age'],
    ['', 'Secret', 'Name Type Data Age'],
    ['', 'Namespace', 'Name Status Age'],
    ['', 'Event', 'Last Seen Type Reason Object Subobject* Source* Message First Seen* Count* Name*'],
    ['', 'Endpoints', 'Name Endpoints Age'],
    ['', 'ResourceQuota', 'Name Age Request Limit'],
    ['apps', 'ControllerRevision', 'Name Controller Revision Age'],
    ['coordination.k8s.io', 'Lease', 'Name Holder Age'],
  ])('%s %s', (group, kind, expected) => {
    const cols = printerFor(k(group, kind)).columns;
    expect(names(group, kind).join(' ')).toBe(expected.replace(/(\S+)\*/g, '$1*'));
    expect(cols[0].name === 'Name' ? cols[0].format : 'name').toBe('name');
  });
});

describe('rows', () => {
  it('a running pod with a restart, and a pod waiting in ImagePullBackOff', () => {
    const running = {
      metadata: { name: 'web-1', creationTimestamp: ago(300) },
      spec: { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'worker-1' },
      status: {
        phase: 'Running', podIP: '10.0.0.5',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { finishedAt: ago(90) } } },
          { name: 'b', ready: false, restartCount: 0, state: { running: {} } },
        ],
      },
    };
    expect(row('', 'Pod', running)).toEqual(['web-1', '1/2', 'Running', '2 (90s ago)', '5m', '10.0.0.5', 'worker-1', '<none>', '<none>']);
    const pulling = {
      metadata: { name: 'bad', creationTimestamp: ago(30) },
      spec: { containers: [{ name: 'a' }] },
      status: { phase: 'Pending', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] },
    };
    expect(podSummary(pulling, NOW)).toEqual({ ready: '0/1', status: 'ImagePullBackOff', restarts: '0' });
    expect(podSummary({ metadata: { deletionTimestamp: ago(1) }, spec: { containers: [{}] }, status: { phase: 'Running' } }, NOW).status).toBe('Terminating');
    expect(podSummary({ spec: { initContainers: [{ name: 'i' }], containers: [{}] }, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { running: {} } }] } }, NOW).status)
      .toBe('Init:0/1');
  });

  it('deployment, node, service, event and storage class rows', () => {
    expect(row('apps', 'Deployment', {
      metadata: { name: 'web', creationTimestamp: ago(7200) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:alpine' }] } } },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    })).toEqual(['web', '2/3', 3, 2, '120m', 'nginx', 'nginx:alpine', 'app=web']);
    expect(row('', 'Node', {
      metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/edge': '' }, creationTimestamp: ago(60) },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'False' }], nodeInfo: { kubeletVersion: 'v1.30.0' }, addresses: [{ type: 'InternalIP', address: '10.1.0.1' }] },
    }).slice(0, 6)).toEqual(['n1', 'NotReady,SchedulingDisabled', 'edge,worker', '60s', 'v1.30.0', '10.1.0.1']);
    expect(row('', 'Service', {
      metadata: { name: 's' }, spec: { type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { b: '2', a: '1' } },
    })).toEqual(['s', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP,53/UDP', '<unknown>', 'a=1,b=2']);
    expect(row('', 'Service', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', clusterIP: '10.96.0.11', ports: [] } })[3]).toBe('<pending>');
    expect(row('', 'Event', {
      metadata: { name: 'web.1' }, type: 'Warning', reason: 'Failed', message: 'pull failed ', count: 4,
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{a}' }, source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: ago(600), lastTimestamp: ago(5),
    })).toEqual(['5s', 'Warning', 'Failed', 'pod/web', 'spec.containers{a}', 'kubelet, worker-1', 'pull failed', '10m', 4, 'web.1']);
    expect(row('storage.k8s.io', 'StorageClass', {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'pier.io/sim',
    }).slice(0, 5)).toEqual(['standard (default)', 'pier.io/sim', 'Delete', 'Immediate', false]);
  });

  it('a Table carries the column definitions and, per includeObject, metadata, the object or nothing', () => {
    const pods = findKind('', 'v1', 'pods')!;
    const pod = { metadata: { name: 'p', namespace: 'default', resourceVersion: '7' }, spec: { containers: [{}] }, status: { phase: 'Pending' } };
    const t = toTable(pods, [pod], { resourceVersion: '9', continue: 'abc' }, { version: 'v1', includeObject: 'Metadata', now: NOW });
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '9', continue: 'abc' } });
    expect(t.columnDefinitions[0]).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(t.rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata });
    const full = toTable(pods, [pod], {}, { version: 'v1beta1', includeObject: 'Object', now: NOW });
    expect(full.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(full.rows[0].object).toEqual({ apiVersion: 'v1', kind: 'Pod', ...pod });
    expect(toTable(pods, [pod], {}, { version: 'v1', includeObject: 'None', now: NOW }).rows[0]).not.toHaveProperty('object');
    expect(toTable(pods, [pod], {}, { version: 'v1', includeObject: 'None', now: NOW, withColumns: false }).columnDefinitions).toEqual([]);
  });
});
