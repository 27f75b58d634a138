import { describe, expect, it } from 'vitest';
import type { Workload } from '@/lib/dialects/ecns/workloads';
import { editable, editPlan } from './edit-plan';

const live: Workload = {
  workload_base: { name: 'web', type: 'Deployment', replicas: 2 },
  containers: [{ name: 'nginx', type: 'worker', image: { image: 'nginx', image_version: 'alpine' } }],
  access_mode: [{ name: 'web', type: 'NodePort', access: [{ port: 80, target_port: 80, protocol: 'TCP' }] }],
  scale_strategy: { min_replicas: 2, max_replicas: 5, resource: { cpu: 60 } },
};

describe('editPlan', () => {
  it('nothing changed: no call', () => {
    expect(editPlan(live, structuredClone(live))).toEqual([]);
  });

  it('a new image is one containers action with every container', () => {
    const next = structuredClone(live);
    next.containers[0].image.image_version = '1.27-alpine';
    expect(editPlan(live, next)).toEqual([{ action: 'containers', body: { containers: next.containers } }]);
  });

  it('one action per changed aspect, replicas last; removing the HPA sends null', () => {
    const next = structuredClone(live);
    next.workload_base.replicas = 3;
    next.labels = { tier: 'web' };
    delete next.scale_strategy;
    expect(editPlan(live, next).map((p) => p.action)).toEqual(['labels', 'scale_strategy', 'scale']);
    expect(editPlan(live, next)[1].body).toEqual({ scale_strategy: null });
  });

  it('a DaemonSet is never scaled', () => {
    const ds: Workload = { ...live, workload_base: { name: 'agent', type: 'DaemonSet' }, scale_strategy: undefined };
    expect(editPlan(ds, { ...ds, workload_base: { name: 'agent', type: 'DaemonSet' } })).toEqual([]);
  });
});

describe('editable', () => {
  it('drops the detail endpoint\'s output-only fields', () => {
    const read = { ...structuredClone(live), Pods_status: [], workload_status: { status: 'Running' } } as Workload & Record<string, unknown>;
    read.containers[0].container_statuses = 'running';
    read.access_mode![0].public_ips = ['10.0.0.1'];
    expect(editable(read)).toEqual(live);
  });
});

describe('editPlan compares values, not how they are written', () => {
  it('key order and empty parts are no change', () => {
    const read = structuredClone(live);
    read.access_mode![0] = { access: read.access_mode![0].access, type: 'NodePort', name: 'web', annotations: {} };
    expect(editPlan(read, live)).toEqual([]);
  });
});
