import { describe, expect, it } from 'vitest';
import { kindOf } from '../kinds';
import type { K8sObject } from '../objects';
import { K8sError } from '../status';
import { applyDefaults, clusterIPFor, nodePortFor } from './defaults';
import { admitObject, validateAgainstSchema } from './validate';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function defaulted(group: string, kind: string, body: Any): Any {
  const copy = structuredClone(body) as K8sObject;
  applyDefaults(kindOf(group, kind)!, copy);
  return copy as Any;
}

const container = (image: string, extra: Any = {}) => ({ name: 'c', image, ...extra });
const template = (spec: Any = {}) => ({ metadata: { labels: { app: 'a' } }, spec: { containers: [container('nginx:1.27')], ...spec } });
const workload = (spec: Any = {}) => ({ metadata: { name: 'a', namespace: 'n' }, spec: { selector: { matchLabels: { app: 'a' } }, template: template(), ...spec } });

const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
};
const CONTAINER_DEFAULTS = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };

describe('pod spec defaults', () => {
  it('fills the pod spec and container defaults of SetDefaults_PodSpec and SetDefaults_Container', () => {
    const pod = defaulted('', 'Pod', { metadata: { name: 'p', namespace: 'n' }, spec: { containers: [container('nginx:1.27', { ports: [{ containerPort: 80 }] })] } });
    expect(pod.spec).toMatchObject(POD_SPEC_DEFAULTS);
    expect(pod.spec.containers[0]).toEqual({
      name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', ...CONTAINER_DEFAULTS, ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });

  it.each([
    ['nginx', 'Always'], ['nginx:latest', 'Always'], ['docker.io/library/nginx:latest', 'Always'], ['nginx:1.27', 'IfNotPresent'],
    ['localhost:5000/nginx', 'Always'], ['localhost:5000/nginx:alpine', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'], [`nginx:latest@sha256:${'a'.repeat(64)}`, 'Always'],
  ])('imagePullPolicy of %s is %s', (image, policy) => {
    expect(defaulted('', 'Pod', { spec: { containers: [container(image)] } }).spec.containers[0].imagePullPolicy).toBe(policy);
  });

  it('keeps what the client set, including Go zero values of pointer fields', () => {
    const pod = defaulted('', 'Pod', { spec: {
      restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, securityContext: { runAsUser: 1000 },
      containers: [container('nginx', { imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' })],
    } });
    expect(pod.spec).toMatchObject({ restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, securityContext: { runAsUser: 1000 } });
    expect(pod.spec.containers[0]).toMatchObject({ imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' });
  });

  it('defaults probes, their HTTP and gRPC handlers, lifecycle hooks, init containers and env field references', () => {
    const pod = defaulted('', 'Pod', { spec: {
      initContainers: [container('busybox:1.36')],
      containers: [container('nginx:1.27', {
        readinessProbe: { httpGet: { port: 80 } },
        livenessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
        lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
        env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'A', value: '1' }],
      })],
    } });
    const c = pod.spec.containers[0];
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.lifecycle.preStop.httpGet).toEqual({ port: 80, path: '/stop', scheme: 'HTTP' });
    expect(c.env).toEqual([{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }, { name: 'A', value: '1' }]);
    expect(pod.spec.initContainers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', ...CONTAINER_DEFAULTS });
  });

  it('defaults volumes: emptyDir when no source, file modes, hostPath type, token expiry', () => {
    const pod = defaulted('', 'Pod', { spec: { containers: [container('nginx')], volumes: [
      { name: 'scratch' },
      { name: 'cfg', configMap: { name: 'x' } },
      { name: 'sec', secret: { secretName: 'x', defaultMode: 0o400 } },
      { name: 'host', hostPath: { path: '/var/log' } },
      { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }] } },
      { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
    ] } });
    expect(pod.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'x', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 'x', defaultMode: 256 } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
      { name: 'proj', projected: { defaultMode: 420, sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } }] } },
      ] } },
      { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
    ]);
  });

  it('a Pod (not a template) gets requests from limits, service links, host ports, its service account and priority', () => {
    const pod = defaulted('', 'Pod', { spec: { hostNetwork: true, containers: [container('nginx', {
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } }, ports: [{ containerPort: 8080 }],
    })] } });
    expect(pod.spec.containers[0].resources.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
    expect(pod.spec).toMatchObject({ enableServiceLinks: true, serviceAccountName: 'default', serviceAccount: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    const d = defaulted('apps', 'Deployment', workload({ template: template({ containers: [container('nginx', { resources: { limits: { cpu: '1' } } })] }) }));
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
    expect(d.spec.template.spec.serviceAccountName).toBeUndefined();
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
  });
});

describe('workload defaults', () => {
  it('Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, template defaults', () => {
    const d = defaulted('apps', 'Deployment', workload());
    expect(d.spec).toMatchObject({
      replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
    });
    expect(d.spec.template.spec).toMatchObject(POD_SPEC_DEFAULTS);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', ...CONTAINER_DEFAULTS });
  });

  it('Deployment: keeps replicas 0, a partial rolling update, and Recreate without rollingUpdate', () => {
    expect(defaulted('apps', 'Deployment', workload({ replicas: 0, strategy: { rollingUpdate: { maxSurge: 1 } } })).spec)
      .toMatchObject({ replicas: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } } });
    expect(defaulted('apps', 'Deployment', workload({ strategy: { type: 'Recreate' } })).spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('ReplicaSet: replicas 1 and template defaults', () => {
    const rs = defaulted('apps', 'ReplicaSet', workload());
    expect(rs.spec.replicas).toBe(1);
    expect(rs.spec.template.spec.restartPolicy).toBe('Always');
  });

  it('StatefulSet: OrderedReady, RollingUpdate partition 0, PVC retention Retain, replicas 1, history 10, claim templates', () => {
    const s = defaulted('apps', 'StatefulSet', workload({ serviceName: 'db', volumeClaimTemplates: [
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    ] }));
    expect(s.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, replicas: 1, revisionHistoryLimit: 10,
    });
    expect(s.spec.volumeClaimTemplates[0]).toMatchObject({ spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    expect(defaulted('apps', 'StatefulSet', workload({ updateStrategy: { type: 'OnDelete' } })).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('DaemonSet: RollingUpdate maxUnavailable 1 maxSurge 0, history 10', () => {
    const ds = defaulted('apps', 'DaemonSet', workload());
    expect(ds.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    expect(ds.spec.replicas).toBeUndefined();
  });

  it('Job: completions and parallelism 1, backoffLimit 6, NonIndexed, not suspended, replacement policy, labels from the template', () => {
    const j = defaulted('batch', 'Job', { metadata: { name: 'j' }, spec: { template: template({ restartPolicy: 'Never' }) } });
    expect(j.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(j.metadata.labels).toEqual({ app: 'a' });
    const k = defaulted('batch', 'Job', { metadata: { name: 'k', labels: { own: 'x' } }, spec: { completions: 5, backoffLimitPerIndex: 1, completionMode: 'Indexed', podFailurePolicy: { rules: [] }, template: template({ restartPolicy: 'Never' }) } });
    expect(k.spec).toMatchObject({ completions: 5, parallelism: 1, backoffLimit: 2147483647, podReplacementPolicy: 'Failed' });
    expect(k.metadata.labels).toEqual({ own: 'x' });
    // parallelism alone: completions stay unset (a work queue)
    expect(defaulted('batch', 'Job', { spec: { parallelism: 3, template: template() } }).spec.completions).toBeUndefined();
  });

  it('CronJob: Allow, not suspended, history 3/1; its job template gets pod template defaults only', () => {
    const cj = defaulted('batch', 'CronJob', { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template({ restartPolicy: 'OnFailure' }) } } } });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec).toMatchObject({ ...POD_SPEC_DEFAULTS, restartPolicy: 'OnFailure' });
  });

  it('HorizontalPodAutoscaler: minReplicas 1, cpu 80%, behavior filled only when given', () => {
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a' };
    const h = defaulted('autoscaling', 'HorizontalPodAutoscaler', { spec: { scaleTargetRef: ref, maxReplicas: 5 } });
    expect(h.spec).toEqual({ scaleTargetRef: ref, maxReplicas: 5, minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
    const b = defaulted('autoscaling', 'HorizontalPodAutoscaler', { spec: { scaleTargetRef: ref, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
    expect(b.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });
});

describe('service defaults and allocation', () => {
  const svc = (spec: Any) => defaulted('', 'Service', { metadata: { name: 'web', namespace: 'alpha' }, spec });

  it('ClusterIP: type, session affinity, TCP, targetPort = port, traffic policy, an address from 10.96.0.0/12, IPv4 single stack', () => {
    const s = svc({ selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] });
    expect(s.spec).toEqual({
      selector: { app: 'web' }, type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 443, targetPort: 'https', protocol: 'TCP' }],
      clusterIP: clusterIPFor('alpha', 'web'), clusterIPs: [clusterIPFor('alpha', 'web')], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
    });
    expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(svc({ ports: [{ port: 80 }] }).spec.clusterIP).toBe(s.spec.clusterIP);
  });

  it('keeps a given address and headless services; a headless one without selector asks for dual stack', () => {
    expect(svc({ clusterIP: '10.96.7.7', ports: [{ port: 80 }] }).spec).toMatchObject({ clusterIP: '10.96.7.7', clusterIPs: ['10.96.7.7'] });
    expect(svc({ clusterIP: 'None', selector: { app: 'db' } }).spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' });
    expect(svc({ clusterIP: 'None' }).spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
  });

  it('NodePort and LoadBalancer: node ports in 30000-32767, external traffic policy, allocateLoadBalancerNodePorts', () => {
    const np = svc({ type: 'NodePort', ports: [{ port: 80 }, { port: 81, nodePort: 31000 }] });
    expect(np.spec.ports[0].nodePort).toBe(nodePortFor('alpha', 'web', 0));
    expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(np.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(np.spec.ports[1].nodePort).toBe(31000);
    expect(np.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' });
    expect(svc({ type: 'LoadBalancer', ports: [{ port: 80 }] }).spec).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
    expect(svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }).spec.ports[0].nodePort).toBeUndefined();
  });

  it('ClientIP affinity gets a 3 hour timeout; ExternalName gets no address', () => {
    expect(svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(svc({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } }).spec.sessionAffinityConfig).toBeUndefined();
    const ext = svc({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });

  it('Endpoints ports are TCP unless given', () => {
    const ep = defaulted('', 'Endpoints', { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] });
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  });
});

describe('other kinds', () => {
  it('Secret type Opaque; Namespace name label; Node allocatable from capacity', () => {
    expect(defaulted('', 'Secret', { metadata: { name: 's' } }).type).toBe('Opaque');
    expect(defaulted('', 'Secret', { type: 'kubernetes.io/tls' }).type).toBe('kubernetes.io/tls');
    expect(defaulted('', 'Namespace', { metadata: { name: 'team', labels: { a: 'b' } } }).metadata.labels).toEqual({ a: 'b', 'kubernetes.io/metadata.name': 'team' });
    expect(defaulted('', 'Node', { metadata: { name: 'n' }, status: { capacity: { cpu: '4' } } }).status.allocatable).toEqual({ cpu: '4' });
  });

  it('PV reclaim Retain and Filesystem; PVC Filesystem; StorageClass Delete and Immediate', () => {
    expect(defaulted('', 'PersistentVolume', { spec: { capacity: { storage: '1Gi' } } }).spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(defaulted('', 'PersistentVolumeClaim', { spec: {} }).spec).toEqual({ volumeMode: 'Filesystem' });
    expect(defaulted('storage.k8s.io', 'StorageClass', { provisioner: 'x' })).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it('defaulting twice changes nothing (an update that omits defaults is a no-op)', () => {
    for (const [g, kind, body] of [['apps', 'Deployment', workload()], ['', 'Service', { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } }]] as const) {
      const once = defaulted(g, kind, body);
      expect(defaulted(g, kind, once)).toEqual(once);
    }
  });
});

describe('admission: defaults, then validation', () => {
  const causes = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof K8sError) return err.k8s.details?.causes;
      throw err;
    }
    return [];
  };

  it('validateAgainstSchema leaves the object as it is; admitObject defaults it', () => {
    const d = workload() as K8sObject;
    validateAgainstSchema(kindOf('apps', 'Deployment')!, 'a', d);
    expect((d as Any).spec.strategy).toBeUndefined();
    admitObject(kindOf('apps', 'Deployment')!, 'a', d);
    expect((d as Any).spec.strategy.type).toBe('RollingUpdate');
  });

  it('a Job without restartPolicy is refused, as the defaulted Always is not allowed for Jobs', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [container('busybox')] } } } };
    expect(causes(() => admitObject(kindOf('batch', 'Job')!, 'j', job as K8sObject))).toEqual([
      { field: 'spec.template.spec.restartPolicy', reason: 'FieldValueNotSupported', message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"' },
    ]);
    const cj = { spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Always', containers: [container('busybox')] } } } } } };
    expect(causes(() => admitObject(kindOf('batch', 'CronJob')!, 'c', cj as K8sObject))).toEqual([
      { field: 'spec.jobTemplate.spec.template.spec.restartPolicy', reason: 'FieldValueNotSupported', message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"' },
    ]);
  });

  it('a Deployment template may only restart Always; Recreate takes no rollingUpdate', () => {
    const d = workload({ template: template({ restartPolicy: 'Never' }), strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } });
    expect(causes(() => admitObject(kindOf('apps', 'Deployment')!, 'a', d as K8sObject))).toEqual([
      { field: 'spec.template.spec.restartPolicy', reason: 'FieldValueNotSupported', message: 'Unsupported value: "Never": supported values: "Always"' },
      { field: 'spec.strategy.rollingUpdate', reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified when strategy `type` is \'Recreate\'' },
    ]);
  });
});
