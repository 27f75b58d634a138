import { describe, expect, it } from 'vitest';
import { Invalid } from '@/lib/errors';
import { parseWith } from '@/lib/http/body';
import { createWorkloads, workload, workloadRef, type WorkloadInput } from './workloads';

const base = (): WorkloadInput => ({
  workload_base: { name: 'web', type: 'Deployment', replicas: 2 },
  containers: [{ name: 'nginx', type: 'worker', image: { image: 'library/nginx', image_version: 'alpine' } }],
});

/** The field errors a body gets; {} when it parses. */
function problems(body: unknown, schema: Parameters<typeof parseWith>[0] = workload): Record<string, string> {
  try {
    parseWith(schema, body);
    return {};
  } catch (err) {
    if (err instanceof Invalid) return err.fields;
    throw err;
  }
}

function withChange(change: (w: WorkloadInput) => void): WorkloadInput {
  const w = structuredClone(base());
  change(w);
  return w;
}

describe('ECNS workload body: the seed\'s rules, each naming its field', () => {
  it('accepts the minimal Deployment', () => {
    expect(problems(base())).toEqual({});
  });

  it('workload_base: name pattern and length, type, replicas per type and range', () => {
    expect(problems(withChange((w) => { w.workload_base.name = 'Web_1'; }))).toHaveProperty(['workload_base.name']);
    expect(problems(withChange((w) => { w.workload_base.name = '1web'; }))).toHaveProperty(['workload_base.name']);
    expect(problems(withChange((w) => { w.workload_base.name = 'a'.repeat(53); }))).toHaveProperty(['workload_base.name']);
    expect(problems(withChange((w) => { w.workload_base.name = 'a'.repeat(52); }))).toEqual({});
    expect(problems(withChange((w) => { (w.workload_base as { type: string }).type = 'Job'; }))).toHaveProperty(['workload_base.type']);
    expect(problems(withChange((w) => { delete w.workload_base.replicas; }))).toEqual({ 'workload_base.replicas': 'required for a Deployment' });
    expect(problems(withChange((w) => { w.workload_base = { name: 'ds', type: 'DaemonSet', replicas: 1 }; })))
      .toEqual({ 'workload_base.replicas': 'not for a DaemonSet (one pod per node)' });
    expect(problems(withChange((w) => { w.workload_base = { name: 'ds', type: 'DaemonSet' }; }))).toEqual({});
    expect(problems(withChange((w) => { w.workload_base.replicas = -1; }))).toHaveProperty(['workload_base.replicas']);
    expect(problems(withChange((w) => { w.workload_base.replicas = 1.5; }))).toHaveProperty(['workload_base.replicas']);
  });

  it('workload_base in batch actions takes no replicas', () => {
    expect(problems({ name: 'web', type: 'Deployment', replicas: 2 }, workloadRef)).toHaveProperty(['replicas']);
    expect(problems({ name: 'web', type: 'Deployment' }, workloadRef)).toEqual({});
  });

  it('unknown fields are named', () => {
    expect(problems({ ...base(), colour: 'red' })).toEqual({ colour: 'unknown field' });
    expect(problems(withChange((w) => { (w.containers[0] as Record<string, unknown>).ports = []; }))).toEqual({ 'containers.0.ports': 'unknown field' });
  });

  it('containers: at least one worker, unique names, type, image address and version', () => {
    expect(problems(withChange((w) => { w.containers = []; }))).toHaveProperty(['containers']);
    expect(problems(withChange((w) => { w.containers[0].type = 'init'; }))).toEqual({ containers: 'at least one worker container' });
    expect(problems(withChange((w) => { w.containers.push(structuredClone(w.containers[0])); }))).toHaveProperty(['containers.1.name']);
    expect(problems(withChange((w) => { (w.containers[0] as { type: string }).type = 'sidecar'; }))).toHaveProperty(['containers.0.type']);
    expect(problems(withChange((w) => { w.containers[0].image.image = 'nginx:alpine'; }))).toHaveProperty(['containers.0.image.image']);
    expect(problems(withChange((w) => { w.containers[0].image.image_version = ''; }))).toHaveProperty(['containers.0.image.image_version']);
    expect(problems(withChange((w) => { w.containers[0].image.image_pull_policy = 'Never' as 'Always'; }))).toHaveProperty(['containers.0.image.image_pull_policy']);
    expect(problems(withChange((w) => { w.containers[0].image_source = 'ecns'; }))).toHaveProperty(['containers.0.image.harbor_project_name']);
    expect(problems(withChange((w) => { w.containers[0].image.image_auth = true; }))).toHaveProperty(['containers.0.image.image_secret']);
    expect(problems(withChange((w) => { w.containers[0].image_source = 'docker' as 'ecns'; }))).toHaveProperty(['containers.0.image_source']);
  });

  it('resources: cpu a float of cores, memory whole MiB, requests within limits', () => {
    expect(problems(withChange((w) => { w.containers[0].resources = { requests: { cpu: 0.1, memory: 128 }, limits: { cpu: 1, memory: 256 } }; }))).toEqual({});
    expect(problems(withChange((w) => { w.containers[0].resources = { requests: { memory: 1.5 } }; }))).toHaveProperty(['containers.0.resources.requests.memory']);
    expect(problems(withChange((w) => { w.containers[0].resources = { requests: { cpu: 2 }, limits: { cpu: 1 } }; }))).toHaveProperty(['containers.0.resources.requests.cpu']);
  });

  it('env: Normal takes its value in key and no value; ConfigMap/Secret need both key (object) and value (its key)', () => {
    const env = (e: object) => withChange((w) => { w.containers[0].env = [e as never]; });
    expect(problems(env({ type: 'Normal', name: 'MODE', key: 'prod' }))).toEqual({});
    expect(problems(env({ type: 'Normal', name: 'MODE' }))).toHaveProperty(['containers.0.env.0.key']);
    expect(problems(env({ type: 'Normal', name: 'MODE', key: 'prod', value: 'x' }))).toHaveProperty(['containers.0.env.0.value']);
    expect(problems(env({ type: 'ConfigMap', name: 'MODE', key: 'settings', value: 'mode' }))).toEqual({});
    expect(problems(env({ type: 'ConfigMap', name: 'MODE', key: 'settings' }))).toHaveProperty(['containers.0.env.0.value']);
    expect(problems(env({ type: 'Secret', name: 'PW', value: 'password' }))).toHaveProperty(['containers.0.env.0.key']);
    expect(problems(env({ type: 'Other', name: 'PW', key: 'x' }))).toHaveProperty(['containers.0.env.0.type']);
    expect(problems(env({ type: 'Normal', name: '1BAD', key: 'x' }))).toHaveProperty(['containers.0.env.0.name']);
    expect(problems(withChange((w) => { w.containers[0].env = [{ type: 'Normal', name: 'A', key: '1' }, { type: 'Normal', name: 'A', key: '2' }]; })))
      .toHaveProperty(['containers.0.env.1.name']);
  });

  it('health: success_threshold is 1 for liveness (and startup), protocol fields, one check per type, ranges', () => {
    const h = (x: object) => withChange((w) => { w.containers[0].health = [x as never]; });
    expect(problems(h({ type: 'liveness', protocol: 'http', port: 80, path: '/', success_threshold: 1 }))).toEqual({});
    expect(problems(h({ type: 'liveness', protocol: 'http', port: 80, success_threshold: 2 })))
      .toEqual({ 'containers.0.health.0.success_threshold': 'must be 1 for a liveness check' });
    expect(problems(h({ type: 'startup', protocol: 'tcp', port: 80, success_threshold: 3 }))).toHaveProperty(['containers.0.health.0.success_threshold']);
    expect(problems(h({ type: 'readiness', protocol: 'tcp', port: 80, success_threshold: 3 }))).toEqual({});
    expect(problems(h({ type: 'readiness', protocol: 'cmd' }))).toHaveProperty(['containers.0.health.0.cmd']);
    expect(problems(h({ type: 'readiness', protocol: 'cmd', cmd: 'true', port: 80 }))).toHaveProperty(['containers.0.health.0.port']);
    expect(problems(h({ type: 'readiness', protocol: 'http' }))).toHaveProperty(['containers.0.health.0.port']);
    expect(problems(h({ type: 'readiness', protocol: 'tcp', port: 80, path: '/x' }))).toHaveProperty(['containers.0.health.0.path']);
    expect(problems(h({ type: 'readiness', protocol: 'grpc', port: 80 }))).toHaveProperty(['containers.0.health.0.protocol']);
    expect(problems(h({ type: 'readiness', protocol: 'tcp', port: 70000 }))).toHaveProperty(['containers.0.health.0.port']);
    expect(problems(h({ type: 'readiness', protocol: 'tcp', port: 80, period: 0 }))).toHaveProperty(['containers.0.health.0.period']);
    expect(problems(h({ type: 'readiness', protocol: 'tcp', port: 80, initial_delay: -1 }))).toHaveProperty(['containers.0.health.0.initial_delay']);
    expect(problems(withChange((w) => {
      w.containers[0].health = [{ type: 'readiness', protocol: 'tcp', port: 80 }, { type: 'readiness', protocol: 'tcp', port: 81 }];
    }))).toHaveProperty(['containers.0.health.1.type']);
  });

  it('security: capabilities as one {action, caps} or both, ids in range, non-root not uid 0', () => {
    const s = (x: object) => withChange((w) => { w.containers[0].security = x as never; });
    expect(problems(s({ capabilities: { action: 'add', caps: ['NET_ADMIN'] } }))).toEqual({});
    expect(problems(s({ capabilities: [{ action: 'add', caps: ['NET_ADMIN'] }, { action: 'drop', caps: ['ALL'] }] }))).toEqual({});
    expect(problems(s({ capabilities: { action: 'remove', caps: ['NET_ADMIN'] } }))).toHaveProperty(['containers.0.security.capabilities']);
    expect(problems(s({ capabilities: [{ action: 'add', caps: ['A'] }, { action: 'add', caps: ['B'] }] }))).toHaveProperty(['containers.0.security.capabilities']);
    expect(problems(s({ run_as_user: -1 }))).toHaveProperty(['containers.0.security.run_as_user']);
    expect(problems(s({ run_as_nonroot: true, run_as_user: 0 }))).toHaveProperty(['containers.0.security.run_as_user']);
    expect(problems(s({ privileged: 'yes' }))).toHaveProperty(['containers.0.security.privileged']);
  });

  it('hooks: PreStop / PostStart once each, with a command', () => {
    const k = (x: object[]) => withChange((w) => { w.containers[0].hooks = x as never; });
    expect(problems(k([{ type: 'PreStop', cmd: ['sleep', '5'] }]))).toEqual({});
    expect(problems(k([{ type: 'PreStop', cmd: [] }]))).toHaveProperty(['containers.0.hooks.0.cmd']);
    expect(problems(k([{ type: 'OnExit', cmd: ['x'] }]))).toHaveProperty(['containers.0.hooks.0.type']);
    expect(problems(k([{ type: 'PreStop', cmd: ['a'] }, { type: 'PreStop', cmd: ['b'] }]))).toHaveProperty(['containers.0.hooks.1.type']);
  });

  it('volumes: each type takes exactly its own field; mounts name a volume', () => {
    const v = (x: object) => withChange((w) => { w.volumes = [x as never]; });
    expect(problems(v({ name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: '10' } }))).toEqual({});
    expect(problems(v({ name: 'data', type: 'StorageClass' }))).toEqual({ 'volumes.0.storage_class': 'required for type StorageClass' });
    expect(problems(v({ name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: '0' } }))).toHaveProperty(['volumes.0.storage_class.capacity']);
    expect(problems(v({ name: 'data', type: 'PVC', pvc: 'claim-1' }))).toEqual({});
    expect(problems(v({ name: 'data', type: 'PVC', pvc: 'claim-1', local_storage: '/var' }))).toEqual({ 'volumes.0.local_storage': 'not for type PVC (it takes pvc)' });
    expect(problems(v({ name: 'data', type: 'LocalStorage' }))).toHaveProperty(['volumes.0.local_storage']);
    expect(problems(v({ name: 'data', type: 'LocalStorage', local_storage: 'var/run' }))).toHaveProperty(['volumes.0.local_storage']);
    expect(problems(v({ name: 'data', type: 'EmptyDir' }))).toEqual({});
    expect(problems(v({ name: 'data', type: 'EmptyDir', emptydir: 'Disk' }))).toHaveProperty(['volumes.0.emptydir']);
    expect(problems(v({ name: 'cfg', type: 'ConfigMap', configmap: { type: 'ConfigMap', name: 'settings', path: '/etc/app' } }))).toEqual({});
    expect(problems(v({ name: 'cfg', type: 'ConfigMap', secret: { type: 'Secret', name: 's', path: '/etc/app' } }))).toHaveProperty(['volumes.0.secret']);
    expect(problems(v({ name: 'cfg', type: 'Secret', secret: { type: 'ConfigMap', name: 's', path: '/etc/app' } }))).toHaveProperty(['volumes.0.secret.type']);
    expect(problems(v({ name: 'cfg', type: 'ConfigMap', configmap: { type: 'ConfigMap', name: 'settings', path: '/etc', items: [{ key: 'a', path: '../x' }] } })))
      .toHaveProperty(['volumes.0.configmap.items.0.path']);
    expect(problems(v({ name: 'cfg', type: 'NFS' }))).toHaveProperty(['volumes.0.type']);
    expect(problems(withChange((w) => { w.containers[0].volume_mounts = [{ volume_name: 'nope', mount_path: '/data', read_only: false }]; })))
      .toEqual({ 'containers.0.volume_mounts.0.volume_name': 'no volume named nope' });
    expect(problems(withChange((w) => {
      w.volumes = [{ name: 'd', type: 'EmptyDir' }];
      w.containers[0].volume_mounts = [{ volume_name: 'd', mount_path: 'data' } as never];
    }))).toMatchObject({ 'containers.0.volume_mounts.0.mount_path': expect.any(String), 'containers.0.volume_mounts.0.read_only': expect.any(String) });
  });

  it('access_mode: external_name for ExternalName only, ports required otherwise, node_port for NodePort/LoadBalancer in range', () => {
    const a = (x: object) => withChange((w) => { w.access_mode = [x as never]; });
    expect(problems(a({ type: 'NodePort', access: [{ port: 80, target_port: 8080, node_port: 30080, protocol: 'TCP' }] }))).toEqual({});
    expect(problems(a({ type: 'ExternalName', access: [] }))).toEqual({ 'access_mode.0.external_name': 'required for type ExternalName' });
    expect(problems(a({ type: 'ExternalName', external_name: 'db.example.com', access: [] }))).toEqual({});
    expect(problems(a({ type: 'ClusterIP', external_name: 'db.example.com', access: [{ port: 80 }] }))).toHaveProperty(['access_mode.0.external_name']);
    expect(problems(a({ type: 'ClusterIP', access: [] }))).toHaveProperty(['access_mode.0.access']);
    expect(problems(a({ type: 'ClusterIP', access: [{ target_port: 80 }] }))).toHaveProperty(['access_mode.0.access.0.port']);
    expect(problems(a({ type: 'ClusterIP', access: [{ port: 80, node_port: 30080 }] }))).toHaveProperty(['access_mode.0.access.0.node_port']);
    expect(problems(a({ type: 'NodePort', access: [{ port: 80, node_port: 80 }] }))).toHaveProperty(['access_mode.0.access.0.node_port']);
    expect(problems(a({ type: 'NodePort', access: [{ port: 80, protocol: 'SCTP' }] }))).toHaveProperty(['access_mode.0.access.0.protocol']);
    expect(problems(a({ type: 'Headless', access: [{ port: 80 }] }))).toHaveProperty(['access_mode.0.type']);
    expect(problems(a({ type: 'ClusterIP', subnet: 'net-1', access: [{ port: 80 }] }))).toHaveProperty(['access_mode.0.subnet']);
    expect(problems(a({ type: 'ClusterIP', access: [{ port: 80, routers: [{ domain: 'Bad_Domain', path: '/' }] }] }))).toHaveProperty(['access_mode.0.access.0.routers.0.domain']);
    expect(problems(withChange((w) => {
      w.access_mode = [{ type: 'ClusterIP', access: [{ port: 80 }] }, { name: 'web', type: 'NodePort', access: [{ port: 81 }] }];
    }))).toHaveProperty(['access_mode.1.name']);
  });

  it('update_strategy: types per kind, fields per type, not both 0', () => {
    const u = (x: object, type: 'Deployment' | 'StatefulSet' | 'DaemonSet' = 'Deployment') => withChange((w) => {
      w.workload_base = type === 'DaemonSet' ? { name: 'web', type } : { name: 'web', type, replicas: 1 };
      w.update_strategy = x as never;
    });
    expect(problems(u({ type: 'first_up', batch_size: 2 }))).toEqual({});
    expect(problems(u({ type: 'recreate', batch_size: 2 }))).toHaveProperty(['update_strategy.batch_size']);
    expect(problems(u({ type: 'first_up', max_surge: 2 }))).toHaveProperty(['update_strategy.max_surge']);
    expect(problems(u({ type: 'custom', max_surge: 0, max_unavailable: 0 }))).toHaveProperty(['update_strategy.max_unavailable']);
    expect(problems(u({ type: 'on_delete' }))).toHaveProperty(['update_strategy.type']);
    expect(problems(u({ type: 'on_delete' }, 'StatefulSet'))).toEqual({});
    expect(problems(u({ type: 'recreate' }, 'StatefulSet'))).toHaveProperty(['update_strategy.type']);
    expect(problems(u({ type: 'rolling_update', max_surge: 1 }, 'StatefulSet'))).toHaveProperty(['update_strategy.max_surge']);
    expect(problems(u({ type: 'on_delete' }, 'DaemonSet'))).toEqual({});
    expect(problems(u({ type: 'sideways' }))).toHaveProperty(['update_strategy.type']);
  });

  it('scale_strategy: max required, min ≤ max, a target, not for DaemonSets', () => {
    const s = (x: object) => withChange((w) => { w.scale_strategy = x as never; });
    expect(problems(s({ min_replicas: 1, max_replicas: 5, resource: { cpu: 60 } }))).toEqual({});
    expect(problems(s({ min_replicas: 1, resource: { cpu: 60 } }))).toHaveProperty(['scale_strategy.max_replicas']);
    expect(problems(s({ min_replicas: 6, max_replicas: 5, resource: { cpu: 60 } }))).toHaveProperty(['scale_strategy.min_replicas']);
    expect(problems(s({ max_replicas: 5 }))).toHaveProperty(['scale_strategy.resource']);
    expect(problems(s({ max_replicas: 5, resource: { cpu: 0 } }))).toHaveProperty(['scale_strategy.resource.cpu']);
    expect(problems(withChange((w) => { w.workload_base = { name: 'ds', type: 'DaemonSet' }; w.scale_strategy = { max_replicas: 3, resource: { cpu: 50 } }; })))
      .toHaveProperty(['scale_strategy']);
  });

  it('scheduler_strategy: the rule field of its type, operators and their values, topology for pod affinity', () => {
    const s = (x: object) => withChange((w) => { w.scheduler_strategy = [x as never]; });
    const term = (e: object, topology?: string) => ({ ...(topology ? { topology_key: topology } : {}), expression: [e] });
    expect(problems(s({ type: 'nodeSelector', node_selector: { required: [term({ key: 'disk', operator: 'In', values: 'ssd' })] } }))).toEqual({});
    expect(problems(s({ type: 'nodeSelector', node_selector: { required: [term({ key: 'disk', operator: 'NotIn', values: 'ssd' })] } })))
      .toHaveProperty(['scheduler_strategy.0.node_selector.required.0.expression.0']);
    expect(problems(s({ type: 'nodeSelector', pod_affinity: { required: [] } }))).toMatchObject({ 'scheduler_strategy.0.node_selector': expect.any(String), 'scheduler_strategy.0.pod_affinity': expect.any(String) });
    expect(problems(s({ type: 'nodeSelectorTerms', node_terms: { required: [term({ key: 'zone', operator: 'In' })] } })))
      .toHaveProperty(['scheduler_strategy.0.node_terms.required.0.expression.0.values']);
    expect(problems(s({ type: 'nodeSelectorTerms', node_terms: { required: [term({ key: 'zone', operator: 'Exists', values: 'a' })] } })))
      .toHaveProperty(['scheduler_strategy.0.node_terms.required.0.expression.0.values']);
    expect(problems(s({ type: 'nodeSelectorTerms', node_terms: { required: [term({ key: 'cores', operator: 'Gt', values: 'many' })] } })))
      .toHaveProperty(['scheduler_strategy.0.node_terms.required.0.expression.0.values']);
    expect(problems(s({ type: 'nodeSelectorTerms', node_terms: { prefered: [term({ key: 'zone', operator: 'In', values: 'a', weight: 101 })] } })))
      .toHaveProperty(['scheduler_strategy.0.node_terms.prefered.0.expression.0.weight']);
    expect(problems(s({ type: 'podAntiAffinity', pod_anti_affinity: { required: [term({ key: 'app', operator: 'In', values: 'web' })] } })))
      .toHaveProperty(['scheduler_strategy.0.pod_anti_affinity.required.0.topology_key']);
    expect(problems(s({ type: 'podAffinity', pod_affinity: {} }))).toHaveProperty(['scheduler_strategy.0.pod_affinity']);
    expect(problems(s({ type: 'hostAffinity' }))).toHaveProperty(['scheduler_strategy.0.type']);
  });

  it('network: dns_policy values, ClusterFirstWithHostNet needs host_network, alias addresses and names', () => {
    const n = (x: object) => withChange((w) => { w.network = x as never; });
    expect(problems(n({ host_network: true, dns_policy: 'ClusterFirstWithHostNet', host_aliases: [{ ip: '10.0.0.1', hostnames: 'bar.remote.com' }] }))).toEqual({});
    expect(problems(n({ dns_policy: 'ClusterFirstWithHostNet' }))).toHaveProperty(['network.dns_policy']);
    expect(problems(n({ dns_policy: 'None' }))).toHaveProperty(['network.dns_policy']);
    expect(problems(n({ host_aliases: [{ ip: 'nope', hostnames: 'a.com' }] }))).toHaveProperty(['network.host_aliases.0.ip']);
    expect(problems(n({ host_aliases: [{ ip: '10.0.0.1', hostnames: '' }] }))).toHaveProperty(['network.host_aliases.0.hostnames']);
  });

  it('labels: Kubernetes key and value syntax, pier.io/ reserved', () => {
    expect(problems(withChange((w) => { w.labels = { tier: 'web', 'example.com/team': 'a' }; }))).toEqual({});
    expect(problems(withChange((w) => { w.labels = { tier: 'has space' }; }))).toHaveProperty(['labels.tier']);
    expect(problems(withChange((w) => { w.labels = { 'pier.io/workload': 'x' }; }))).toHaveProperty(['labels.pier.io/workload']);
    expect(Object.keys(problems(withChange((w) => { w.labels = { 'bad key!': 'x' }; })))[0]).toMatch(/^labels/);
  });

  it('application_name is a DNS label; application_type Normal or Hybrid', () => {
    expect(problems(withChange((w) => { w.application_name = 'Shop'; }))).toHaveProperty(['application_name']);
    expect(problems(withChange((w) => { w.application_type = 'Other' as 'Normal'; }))).toHaveProperty(['application_type']);
  });

  it('a create takes at least one workload and no name twice', () => {
    expect(problems({ workloads: [] }, createWorkloads)).toHaveProperty(['workloads']);
    expect(problems({ workloads: [base(), base()] }, createWorkloads)).toEqual({ 'workloads.1.workload_base.name': 'workload web twice' });
  });
});
