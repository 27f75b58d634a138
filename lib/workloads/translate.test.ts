import { describe, expect, it } from 'vitest';
import type { Deployment, StatefulSet, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Service } from 'kubernetes-types/core/v1';
import { workload as workloadSchema, type Workload, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import { servicesOf, ingressesOf } from './access';
import type { KubeBundle } from './bundle';
import { workloadFromKube } from './from-kube';
import { hpaOf } from './strategy';
import { withApiserverDefaults } from './testing/apiserver-defaults';
import { workloadToKube } from './to-kube';
import { validateBundle } from './validate';

const parse = (w: WorkloadInput): Workload => workloadSchema.parse(w);
const toKube = (w: WorkloadInput) => {
  const b = workloadToKube(parse(w), { namespace: 'alpha' });
  validateBundle(b);
  return b;
};
const back = (b: KubeBundle) => workloadFromKube({ workload: b.workload, services: b.services, ingresses: b.ingresses, hpa: b.hpa, claims: b.claims });
const defaulted = (b: KubeBundle): KubeBundle => ({
  workload: withApiserverDefaults(b.workload), services: b.services.map(withApiserverDefaults), ingresses: b.ingresses.map(withApiserverDefaults),
  hpa: b.hpa && withApiserverDefaults(b.hpa), claims: b.claims.map(withApiserverDefaults),
});
const dep = (b: KubeBundle) => b.workload as Deployment;
const pod = (b: KubeBundle) => dep(b).spec!.template.spec!;

/** A Deployment using every part of the seed's types, none at a Kubernetes default value. */
const full: WorkloadInput = {
  application_name: 'shop',
  application_type: 'Normal',
  workload_base: { name: 'web', type: 'Deployment', replicas: 3 },
  labels: { tier: 'frontend' },
  security_groups: ['sg-1'],
  runtime_class_name: 'rune',
  containers: [
    {
      name: 'setup', type: 'init', image: { image: 'library/busybox', image_version: '1.36' },
      commands: { cmd: ['sh', '-c'], args: ['echo ready > /work/flag'] },
      volume_mounts: [{ volume_name: 'scratch', mount_path: '/work', read_only: false }],
    },
    {
      name: 'nginx', type: 'worker',
      image: { image: 'registry.local:5000/library/nginx', image_version: 'alpine', harbor_project_name: 'library', image_auth: true, image_secret: 'pull-secret', image_pull_policy: 'Always' },
      image_source: 'ecns',
      resources: { requests: { cpu: 0.25, memory: 128 }, limits: { cpu: 1, memory: 512 } },
      env: [
        { type: 'Normal', name: 'MODE', key: 'prod' },
        { type: 'ConfigMap', name: 'COLOR', key: 'settings', value: 'color' },
        { type: 'Secret', name: 'PASSWORD', key: 'creds', value: 'password' },
      ],
      volume_mounts: [
        { volume_name: 'data', mount_path: '/data', read_only: false, sub_path: 'web' },
        { volume_name: 'cfg', mount_path: '/etc/app', read_only: true },
        { volume_name: 'scratch', mount_path: '/scratch', read_only: false },
        { volume_name: 'logs', mount_path: '/var/log/app', read_only: false },
        { volume_name: 'claim', mount_path: '/claim', read_only: false },
        { volume_name: 'tls', mount_path: '/tls', read_only: true },
      ],
      logsidecar_injector: ['/var/log/app/access.log'],
      health: [
        { type: 'liveness', protocol: 'http', path: '/healthz', port: 80, initial_delay: 5, period: 20, timeout: 2, failure_threshold: 4 },
        { type: 'readiness', protocol: 'tcp', port: 80, success_threshold: 2 },
        { type: 'startup', protocol: 'cmd', cmd: 'test -f /work/flag', failure_threshold: 30 },
      ],
      security: { run_as_nonroot: true, rootfs_readonly: true, run_as_user: 1000, run_as_group: 1000, privileged: false, capabilities: { action: 'add', caps: ['NET_BIND_SERVICE'] } },
      hooks: [{ type: 'PostStart', cmd: ['sh', '-c', 'echo started'] }, { type: 'PreStop', cmd: ['sleep', '5'] }],
    },
  ],
  volumes: [
    { name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: '10' } },
    { name: 'claim', type: 'PVC', pvc: 'shared-claim' },
    { name: 'logs', type: 'LocalStorage', local_storage: '/var/log/web' },
    { name: 'scratch', type: 'EmptyDir', emptydir: 'Memory' },
    { name: 'cfg', type: 'ConfigMap', configmap: { type: 'ConfigMap', name: 'settings', path: '/etc/app', items: [{ key: 'app.conf', path: 'conf/app.conf' }] } },
    { name: 'tls', type: 'Secret', secret: { type: 'Secret', name: 'web-tls', path: '/tls' } },
  ],
  access_mode: [
    {
      name: 'web', type: 'ClusterIP', cluster_ip: '10.96.0.20', annotations: { 'example.com/owner': 'team-a' },
      access: [{ port: 80, protocol: 'TCP', target_port: 8080, routers: [{ domain: 'shop.example.com', path: '/api', target_service: 'web', service_port: 80 }] }],
    },
    { name: 'web-2', type: 'NodePort', cluster_ip: '10.96.0.21', annotations: {}, access: [{ port: 81, protocol: 'UDP', target_port: 8081, node_port: 30081 }] },
  ],
  update_strategy: { type: 'custom', max_surge: 2, max_unavailable: 1, period: 10 },
  scale_strategy: { min_replicas: 2, max_replicas: 6, resource: { cpu: 60, memory: 70 } },
  scheduler_strategy: [
    { type: 'nodeSelector', node_selector: { required: [{ expression: [{ key: 'disktype', operator: 'In', values: 'ssd' }] }] } },
    {
      type: 'nodeSelectorTerms',
      node_terms: {
        required: [{ expression: [{ key: 'zone', operator: 'In', values: 'a,b' }, { key: 'cores', operator: 'Gt', values: '4' }] }],
        prefered: [{ expression: [{ key: 'gpu', operator: 'Exists', weight: 30 }] }],
      },
    },
    { type: 'podAffinity', pod_affinity: { prefered: [{ topology_key: 'kubernetes.io/hostname', expression: [{ key: 'app', operator: 'In', values: 'cache', weight: 50 }] }] } },
    { type: 'podAntiAffinity', pod_anti_affinity: { required: [{ topology_key: 'kubernetes.io/hostname', expression: [{ key: 'pier.io/workload', operator: 'In', values: 'web' }] }] } },
  ],
  network: { host_network: true, dns_policy: 'ClusterFirstWithHostNet', host_aliases: [{ ip: '10.0.0.5', hostnames: 'bar.remote.com,foo.remote.com' }] },
};

describe('ECNS workload → Kubernetes objects', () => {
  it('every object of a full workload passes the Kubernetes OpenAPI schemas', () => {
    const b = toKube(full);
    expect(b.workload.kind).toBe('Deployment');
    expect(b.services.map((s) => s.metadata?.name)).toEqual(['web', 'web-2']);
    expect(b.ingresses.map((i) => i.metadata?.name)).toEqual(['web']);
    expect(b.claims.map((c) => c.metadata?.name)).toEqual(['web-data']);
    expect(b.hpa?.metadata?.name).toBe('web');
    for (const o of [b.workload, ...b.services, ...b.ingresses, ...b.claims, b.hpa!]) expect(o.metadata?.namespace).toBe('alpha');
  });

  it('a translation slip is caught before anything is sent, naming the object and field', () => {
    const b = toKube(full);
    (pod(b).containers[0] as unknown as Record<string, unknown>).image = '';
    expect(() => validateBundle(b)).toThrow(/Deployment\/web.*spec\.template\.spec\.containers\[0\]\.image/);
  });

  it('workload_base, labels, application and ECNS-only fields', () => {
    const b = toKube(full);
    const d = dep(b);
    expect(d.spec?.replicas).toBe(3);
    expect(d.spec?.selector.matchLabels).toEqual({ 'pier.io/workload': 'web' });
    expect(d.spec?.template.metadata?.labels).toEqual({ 'pier.io/workload': 'web' });
    expect(d.metadata?.labels).toEqual({ tier: 'frontend', 'pier.io/workload': 'web', 'pier.io/application': 'shop' });
    expect(d.metadata?.annotations?.['pier.io/application-type']).toBe('Normal');
    expect(JSON.parse(d.metadata!.annotations!['pier.io/hybrid'])).toEqual({ security_groups: ['sg-1'] });
    expect(JSON.parse(d.metadata!.annotations!['pier.io/containers'])).toEqual({
      nginx: { image_source: 'ecns', harbor_project_name: 'library', image_auth: true, image_secret: 'pull-secret', logsidecar_injector: ['/var/log/app/access.log'] },
    });
    expect(pod(b).runtimeClassName).toBe('rune');
  });

  it('containers: image, pull policy and secret, resources, env, mounts, probes, security, commands, hooks', () => {
    const p = pod(toKube(full));
    expect(p.initContainers?.map((c) => c.name)).toEqual(['setup']);
    const c = p.containers[0];
    expect(c.image).toBe('registry.local:5000/library/nginx:alpine');
    expect(c.imagePullPolicy).toBe('Always');
    expect(p.imagePullSecrets).toEqual([{ name: 'pull-secret' }]);
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(c.env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'settings', key: 'color' } } },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
    ]);
    expect(c.volumeMounts?.[0]).toEqual({ name: 'data', mountPath: '/data', readOnly: false, subPath: 'web' });
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/healthz', scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 4 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, successThreshold: 2 });
    expect(c.startupProbe).toEqual({ exec: { command: ['/bin/sh', '-c', 'test -f /work/flag'] }, failureThreshold: 30 });
    expect(c.securityContext).toEqual({ runAsNonRoot: true, readOnlyRootFilesystem: true, runAsUser: 1000, runAsGroup: 1000, privileged: false, capabilities: { add: ['NET_BIND_SERVICE'] } });
    expect(c.lifecycle).toEqual({ postStart: { exec: { command: ['sh', '-c', 'echo started'] } }, preStop: { exec: { command: ['sleep', '5'] } } });
    expect(p.initContainers?.[0].command).toEqual(['sh', '-c']);
    expect(p.initContainers?.[0].args).toEqual(['echo ready > /work/flag']);
  });

  it('image versions: a tag, or a digest after @; the default pull policy is left to Kubernetes', () => {
    const w = structuredClone(full);
    w.containers[1].image = { image: 'library/nginx', image_version: `sha256:${'a'.repeat(64)}` };
    delete w.containers[1].image_source;
    const c = pod(toKube(w)).containers[0];
    expect(c.image).toBe(`library/nginx@sha256:${'a'.repeat(64)}`);
    expect(c.imagePullPolicy).toBeUndefined();
  });

  it('host_pid / host_ipc of any container go on the pod', () => {
    const w = structuredClone(full);
    w.containers[1].security = { host_pid: true, host_ipc: true };
    const p = pod(toKube(w));
    expect([p.hostPID, p.hostIPC]).toEqual([true, true]);
  });

  it('volumes: a PVC per StorageClass volume, then pvc, hostPath, emptyDir, configMap, secret', () => {
    const b = toKube(full);
    expect(b.claims[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } });
    expect(b.claims[0].metadata?.labels).toEqual({ 'pier.io/workload': 'web', 'pier.io/volume': 'data' });
    expect(pod(b).volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'claim', persistentVolumeClaim: { claimName: 'shared-claim' } },
      { name: 'logs', hostPath: { path: '/var/log/web' } },
      { name: 'scratch', emptyDir: { medium: 'Memory' } },
      { name: 'cfg', configMap: { name: 'settings', items: [{ key: 'app.conf', path: 'conf/app.conf' }] } },
      { name: 'tls', secret: { secretName: 'web-tls' } },
    ]);
  });

  it('a ConfigMap/Secret volume no container mounts is mounted at its path in every worker container', () => {
    const w: WorkloadInput = {
      workload_base: { name: 'cfg', type: 'Deployment', replicas: 1 },
      containers: [{ name: 'a', type: 'worker', image: { image: 'nginx', image_version: '1.27' } }, { name: 'b', type: 'worker', image: { image: 'nginx', image_version: '1.27' } }],
      volumes: [{ name: 'conf', type: 'ConfigMap', configmap: { type: 'ConfigMap', name: 'settings', path: '/etc/conf' } }],
    };
    const p = pod(toKube(w));
    expect(p.containers.map((c) => c.volumeMounts)).toEqual([[{ name: 'conf', mountPath: '/etc/conf', readOnly: true }], [{ name: 'conf', mountPath: '/etc/conf', readOnly: true }]]);
  });

  it('access modes: a Service each selecting the pods, ports, node ports, annotations; routers make an Ingress', () => {
    const b = toKube(full);
    expect(b.services[0].spec).toEqual({ type: 'ClusterIP', selector: { 'pier.io/workload': 'web' }, clusterIP: '10.96.0.20', ports: [{ name: 'tcp-80', port: 80, protocol: 'TCP', targetPort: 8080 }] });
    expect(b.services[0].metadata?.annotations).toEqual({ 'example.com/owner': 'team-a' });
    expect(b.services[1].spec?.ports).toEqual([{ name: 'udp-81', port: 81, protocol: 'UDP', targetPort: 8081, nodePort: 30081 }]);
    expect(b.ingresses[0].spec).toEqual({ rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] });
  });

  it('access modes: ExternalName has no selector; LoadBalancer keeps external and subnet as annotations; unnamed ones are <name>, <name>-2', () => {
    const w: WorkloadInput = {
      workload_base: { name: 'api', type: 'Deployment', replicas: 1 },
      containers: [{ name: 'a', type: 'worker', image: { image: 'nginx', image_version: '1.27' } }],
      access_mode: [
        { type: 'ExternalName', external_name: 'db.example.com', access: [] },
        { type: 'LoadBalancer', access: [{ port: 443 }], external: { loadbalancer: { name: 'lb', vip_subnet_id: 's1' } }, subnet: 's1' },
      ],
    };
    const [ext, lb] = toKube(w).services;
    expect(ext.metadata?.name).toBe('api');
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(lb.metadata?.name).toBe('api-2');
    expect(lb.metadata?.annotations).toEqual({ 'pier.io/lb-external': JSON.stringify({ loadbalancer: { name: 'lb', vip_subnet_id: 's1' } }), 'pier.io/lb-subnet': 's1' });
    expect(lb.spec?.ports).toEqual([{ name: 'tcp-443', port: 443, protocol: 'TCP', targetPort: 443 }]);
  });

  it('update strategies per kind', () => {
    const strategy = (type: 'Deployment' | 'StatefulSet' | 'DaemonSet', u: WorkloadInput['update_strategy']) => {
      const w = structuredClone(full);
      w.workload_base = type === 'DaemonSet' ? { name: 'web', type } : { name: 'web', type, replicas: 1 };
      w.update_strategy = u;
      if (type === 'DaemonSet') delete w.scale_strategy;
      const o = toKube(w).workload as Deployment & StatefulSet & DaemonSet;
      return { strategy: o.spec?.strategy ?? o.spec?.updateStrategy, minReady: o.spec?.minReadySeconds, recorded: o.metadata?.annotations?.['pier.io/update-type'] };
    };
    expect(strategy('Deployment', { type: 'recreate' })).toEqual({ strategy: { type: 'Recreate' }, minReady: undefined, recorded: 'recreate' });
    expect(strategy('Deployment', { type: 'first_up', batch_size: 2 }).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } });
    expect(strategy('Deployment', { type: 'first_down' }).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(strategy('Deployment', { type: 'rolling_update', max_unavailable: 0, max_surge: 3, period: 7 })).toEqual({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 0 } }, minReady: 7, recorded: 'rolling_update',
    });
    expect(strategy('StatefulSet', { type: 'on_delete' }).strategy).toEqual({ type: 'OnDelete' });
    expect(strategy('StatefulSet', { type: 'rolling_update', max_unavailable: 2 }).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } });
    expect(strategy('DaemonSet', { type: 'custom', max_surge: 1, max_unavailable: 0 }).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  });

  it('scale strategy: an autoscaling/v2 HPA on the workload with cpu and memory utilisation', () => {
    expect(toKube(full).hpa?.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    });
  });

  it('scheduler strategies: nodeSelector, node affinity terms, pod affinity and anti-affinity', () => {
    const p = pod(toKube(full));
    expect(p.nodeSelector).toEqual({ disktype: 'ssd' });
    expect(p.affinity?.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'cores', operator: 'Gt', values: ['4'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } }],
    });
    expect(p.affinity?.podAffinity).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['cache'] }] } } }],
    });
    expect(p.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0].topologyKey).toBe('kubernetes.io/hostname');
  });

  it('network: host network, DNS policy, host aliases', () => {
    const p = pod(toKube(full));
    expect([p.hostNetwork, p.dnsPolicy]).toEqual([true, 'ClusterFirstWithHostNet']);
    expect(p.hostAliases).toEqual([{ ip: '10.0.0.5', hostnames: ['bar.remote.com', 'foo.remote.com'] }]);
  });

  it('StatefulSet: replicas, claim templates for StorageClass volumes, serviceName from the first access mode', () => {
    const w: WorkloadInput = {
      workload_base: { name: 'db', type: 'StatefulSet', replicas: 2 },
      containers: [{ name: 'redis', type: 'worker', image: { image: 'redis', image_version: '7' }, volume_mounts: [{ volume_name: 'data', mount_path: '/data', read_only: false }] }],
      volumes: [{ name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: 5, access_mode: 'ReadWriteMany' } }],
      access_mode: [{ name: 'db-headless', type: 'ClusterIP', cluster_ip: 'None', access: [{ port: 6379 }] }],
    };
    const b = toKube(w);
    const s = b.workload as StatefulSet;
    expect(s.spec?.serviceName).toBe('db-headless');
    expect(s.spec?.replicas).toBe(2);
    expect(b.claims).toEqual([]);
    expect(s.spec?.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: { 'pier.io/workload': 'db', 'pier.io/volume': 'data' } },
      spec: { accessModes: ['ReadWriteMany'], storageClassName: 'standard', resources: { requests: { storage: '5Gi' } } },
    }]);
    expect(s.spec?.template.spec?.volumes).toBeUndefined();
  });

  it('DaemonSet: no replicas', () => {
    const b = toKube({ workload_base: { name: 'agent', type: 'DaemonSet' }, containers: [{ name: 'a', type: 'worker', image: { image: 'busybox', image_version: '1.36' } }] });
    expect((b.workload as DaemonSet).spec).not.toHaveProperty('replicas');
  });
});

describe('Kubernetes objects → ECNS workload', () => {
  it('reads back exactly the workload it was made from', () => {
    expect(back(toKube(full))).toEqual(parse(full));
  });

  it('reads the same with or without the apiserver\'s defaults', () => {
    const b = toKube(full);
    expect(back(defaulted(b))).toEqual(back(b));
    const minimal = toKube({ workload_base: { name: 'm', type: 'Deployment', replicas: 1 }, containers: [{ name: 'a', type: 'worker', image: { image: 'nginx', image_version: 'latest' } }] });
    expect(back(defaulted(minimal))).toEqual(back(minimal));
    expect(back(defaulted(minimal))).toEqual(parse({ workload_base: { name: 'm', type: 'Deployment', replicas: 1 }, containers: [{ name: 'a', type: 'worker', image: { image: 'nginx', image_version: 'latest' } }] }));
  });

  it('StatefulSets and DaemonSets round-trip, defaulted or not', () => {
    const sts: WorkloadInput = {
      workload_base: { name: 'db', type: 'StatefulSet', replicas: 2 },
      containers: [{ name: 'redis', type: 'worker', image: { image: 'redis', image_version: '7' }, volume_mounts: [{ volume_name: 'data', mount_path: '/data', read_only: false }] }],
      volumes: [{ name: 'data', type: 'StorageClass', storage_class: { class_name: 'standard', capacity: '5' } }],
      update_strategy: { type: 'on_delete' },
    };
    const ds: WorkloadInput = {
      workload_base: { name: 'agent', type: 'DaemonSet' },
      containers: [{ name: 'a', type: 'worker', image: { image: 'busybox', image_version: '1.36' } }],
      update_strategy: { type: 'rolling_update' },
    };
    for (const w of [sts, ds]) {
      const b = toKube(w);
      expect(back(b)).toEqual(parse(w));
      expect(back(defaulted(b))).toEqual(parse(w));
    }
  });

  it('a Deployment made with kubectl: its own selector, Services selecting its pods, no Pier annotations', () => {
    const d: Deployment = withApiserverDefaults({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'hello', namespace: 'alpha', labels: { app: 'hello' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'hello' } },
        template: {
          metadata: { labels: { app: 'hello', version: 'v1' } },
          spec: {
            imagePullSecrets: [{ name: 'regcred' }],
            containers: [{
              name: 'web', image: 'nginx', ports: [{ containerPort: 80 }],
              env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'A', value: '1' }],
              resources: { limits: { cpu: '500m', memory: '1Gi' } },
            }],
          },
        },
      },
    });
    const svc = (name: string, selector: Record<string, string>): Service => withApiserverDefaults({
      apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'alpha' }, spec: { selector, clusterIP: '10.96.1.1', ports: [{ port: 80 }] },
    });
    const services = servicesOf('hello', d.spec!.template.metadata!.labels!, [svc('hello', { app: 'hello' }), svc('other', { app: 'other' }), svc('v2', { app: 'hello', version: 'v2' })]);
    expect(services.map((s) => s.metadata?.name)).toEqual(['hello']);
    expect(workloadFromKube({ workload: d, services, ingresses: ingressesOf(services, []) })).toEqual({
      workload_base: { name: 'hello', type: 'Deployment', replicas: 2 },
      labels: { app: 'hello' },
      containers: [{
        name: 'web', type: 'worker',
        image: { image: 'nginx', image_version: 'latest', image_auth: true, image_secret: 'regcred' },
        resources: { limits: { cpu: 0.5, memory: 1024 } },
        env: [{ type: 'Normal', name: 'A', key: '1' }],
      }],
      access_mode: [{ name: 'hello', type: 'ClusterIP', cluster_ip: '10.96.1.1', annotations: {}, access: [{ port: 80, protocol: 'TCP', target_port: 80 }] }],
    });
  });

  it('a Service Pier labelled for another workload is not this one\'s, even when its selector matches', () => {
    const s: Service = { metadata: { name: 'x', labels: { 'pier.io/workload': 'other' } }, spec: { selector: { app: 'hello' } } };
    expect(servicesOf('hello', { app: 'hello' }, [s])).toEqual([]);
  });

  it('the HPA scaling the workload is found by its target', () => {
    const b = toKube(full);
    expect(hpaOf('Deployment', 'web', [b.hpa!])).toBe(b.hpa);
    expect(hpaOf('StatefulSet', 'web', [b.hpa!])).toBeUndefined();
  });

  it('changing containers keeps what ECNS does not describe (ports, env from fieldRef)', () => {
    const live = withApiserverDefaults(dep(toKube(full)));
    live.spec!.template.spec!.containers[0].ports = [{ containerPort: 8080 }];
    live.spec!.template.spec!.containers[0].env!.push({ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    const w = parse(full);
    w.containers[1].image.image_version = '1.27';
    const c = (workloadToKube(w, { namespace: 'alpha', live }).workload as Deployment).spec!.template.spec!.containers[0];
    expect(c.image).toBe('registry.local:5000/library/nginx:1.27');
    expect(c.ports).toEqual([{ containerPort: 8080 }]);
    expect(c.env?.map((e) => e.name)).toEqual(['MODE', 'COLOR', 'PASSWORD', 'POD']);
  });
});
