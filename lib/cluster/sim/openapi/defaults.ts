import { createHash } from 'node:crypto';
import type { KindInfo } from '../kinds';
import type { K8sObject } from '../objects';
import { parseImage } from '../controllers/images';

/**
 * The apiserver's defaulting (Kubernetes 1.30's SetDefaults_* functions and
 * `+default` markers of core/v1, apps/v1, batch/v1, autoscaling/v2,
 * storage/v1), plus what the registry and admission add to every object a
 * client sends: a Service's cluster IP and node ports, a Pod's service
 * account and priority. It runs on create, update and patch bodies before
 * validation, in place, so an object read back looks as a real cluster would
 * store it (`kubectl describe deployment` shows StrategyType, `get -o yaml`
 * shows imagePullPolicy), and an update that only omits defaults changes
 * nothing.
 */
export function applyDefaults(k: KindInfo, body: K8sObject): void {
  const spec = obj(body, 'spec');
  switch (`${k.group}/${k.kind}`) {
    case '/Pod':
      if (spec) {
        podSpecDefaults(spec);
        podDefaults(spec);
      }
      break;
    case '/Service': if (spec) serviceDefaults(spec, body); break;
    case '/Endpoints':
      for (const ss of list(body.subsets)) for (const p of list(ss.ports)) str(p, 'protocol', 'TCP');
      break;
    case '/Secret': str(body, 'type', 'Opaque'); break;
    case '/Namespace': {
      const m = obj(body, 'metadata', true)!;
      if (typeof m.name === 'string' && m.name) (m.labels = { ...(isObj(m.labels) ? m.labels : {}) })['kubernetes.io/metadata.name'] = m.name;
      break;
    }
    case '/Node': {
      const st = obj(body, 'status');
      if (st && isObj(st.capacity) && st.allocatable == null) st.allocatable = { ...st.capacity };
      break;
    }
    case '/PersistentVolume':
      if (spec) {
        str(spec, 'persistentVolumeReclaimPolicy', 'Retain');
        str(spec, 'volumeMode', 'Filesystem');
      }
      break;
    case '/PersistentVolumeClaim': if (spec) str(spec, 'volumeMode', 'Filesystem'); break;
    case 'storage.k8s.io/StorageClass':
      str(body, 'reclaimPolicy', 'Delete');
      str(body, 'volumeBindingMode', 'Immediate');
      break;
    case 'apps/Deployment': if (spec) deploymentDefaults(spec); break;
    case 'apps/ReplicaSet':
      if (spec) {
        ptr(spec, 'replicas', 1);
        templateDefaults(spec);
      }
      break;
    case 'apps/StatefulSet': if (spec) statefulSetDefaults(spec); break;
    case 'apps/DaemonSet': if (spec) daemonSetDefaults(spec); break;
    case 'batch/Job': if (spec) jobDefaults(spec, body); break;
    case 'batch/CronJob': if (spec) cronJobDefaults(spec); break;
    case 'autoscaling/HorizontalPodAutoscaler': if (spec) hpaDefaults(spec); break;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `o[key]` as an object; with `create`, an empty one is put there when missing. */
function obj(o: Obj, key: string, create = false): Obj | undefined {
  const v = o[key];
  if (isObj(v)) return v;
  if (!create || (v !== undefined && v !== null)) return undefined;
  const fresh: Obj = {};
  o[key] = fresh;
  return fresh;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** A pointer field (Go `*T`): defaulted when absent or null; 0 and false stay. */
function ptr(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** A string field (Go `string`): "" counts as unset, as in Go. */
function str(o: Obj, key: string, value: string): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

// ---------------------------------------------------------------- pods

/** SetDefaults_PodSpec and everything nested in a pod spec (containers, probes, volumes). */
function podSpecDefaults(spec: Obj): void {
  str(spec, 'dnsPolicy', 'ClusterFirst');
  str(spec, 'restartPolicy', 'Always');
  ptr(spec, 'securityContext', {});
  ptr(spec, 'terminationGracePeriodSeconds', 30);
  str(spec, 'schedulerName', 'default-scheduler');
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) for (const c of list(spec[key])) containerDefaults(c);
  for (const v of list(spec.volumes)) volumeDefaults(v);
}

function containerDefaults(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === '') {
    const ref = parseImage(typeof c.image === 'string' ? c.image : '');
    // The apiserver's parser reports no tag for a digest-only reference, and "latest" when neither is given.
    const tag = ref.digest && !/:[^/]*$/.test(String(c.image).split('@')[0]) ? '' : ref.tag;
    c.imagePullPolicy = tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  str(c, 'terminationMessagePath', '/dev/termination-log');
  str(c, 'terminationMessagePolicy', 'File');
  for (const p of list(c.ports)) str(p, 'protocol', 'TCP');
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = obj(c, key);
    if (p) probeDefaults(p);
  }
  const lifecycle = obj(c, 'lifecycle');
  if (lifecycle) for (const key of ['postStart', 'preStop']) {
    const h = obj(lifecycle, key);
    if (h) handlerDefaults(h);
  }
  for (const e of list(c.env)) {
    const ref = isObj(e.valueFrom) ? obj(e.valueFrom, 'fieldRef') : undefined;
    if (ref) str(ref, 'apiVersion', 'v1');
  }
}

function handlerDefaults(h: Obj): void {
  const get = obj(h, 'httpGet');
  if (get) {
    str(get, 'path', '/');
    str(get, 'scheme', 'HTTP');
  }
  const grpc = obj(h, 'grpc');
  if (grpc) ptr(grpc, 'service', '');
}

function probeDefaults(p: Obj): void {
  handlerDefaults(p);
  // Go int32 fields: 0 is "unset" here, as in SetDefaults_Probe.
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral',
];

function fieldRefDefaults(items: unknown): void {
  for (const item of list(items)) {
    const ref = obj(item, 'fieldRef');
    if (ref) str(ref, 'apiVersion', 'v1');
  }
}

function volumeDefaults(v: Obj): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = obj(v, key);
    if (src) ptr(src, 'defaultMode', 0o644);
  }
  const hostPath = obj(v, 'hostPath');
  if (hostPath) ptr(hostPath, 'type', '');
  const down = obj(v, 'downwardAPI');
  if (down) fieldRefDefaults(down.items);
  const projected = obj(v, 'projected');
  if (projected) for (const s of list(projected.sources)) {
    const token = obj(s, 'serviceAccountToken');
    if (token) ptr(token, 'expirationSeconds', 3600);
    const d = obj(s, 'downwardAPI');
    if (d) fieldRefDefaults(d.items);
  }
  const eph = obj(v, 'ephemeral');
  const claim = eph && obj(eph, 'volumeClaimTemplate');
  const claimSpec = claim && obj(claim, 'spec');
  if (claimSpec) str(claimSpec, 'volumeMode', 'Filesystem');
}

/**
 * What only a Pod (not a pod template) gets: SetDefaults_Pod (requests from
 * limits, enableServiceLinks, host ports under hostNetwork) and the admission
 * plugins ServiceAccount and Priority.
 */
function podDefaults(spec: Obj): void {
  for (const key of ['initContainers', 'containers']) for (const c of list(spec[key])) {
    const res = obj(c, 'resources');
    if (res && isObj(res.limits)) res.requests = { ...res.limits, ...(isObj(res.requests) ? res.requests : {}) };
    if (spec.hostNetwork === true) for (const p of list(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
  }
  ptr(spec, 'enableServiceLinks', true);
  str(spec, 'serviceAccountName', typeof spec.serviceAccount === 'string' && spec.serviceAccount ? spec.serviceAccount : 'default');
  str(spec, 'serviceAccount', spec.serviceAccountName as string);
  ptr(spec, 'priority', 0);
  str(spec, 'preemptionPolicy', 'PreemptLowerPriority');
}

/** A pod template's spec, wherever a workload keeps it (`spec.template.spec`). */
function templateDefaults(spec: Obj): void {
  const t = obj(spec, 'template');
  const ps = t && obj(t, 'spec');
  if (ps) podSpecDefaults(ps);
}

// ---------------------------------------------------------------- services

/** Deterministic in the name, so a PUT that omits the allocated address gets the same one back. */
function hashOf(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32BE(0);
}

/** An address in the default service range 10.96.0.0/12, never .0.0 or 10.96.0.1 (the `kubernetes` service). */
export function clusterIPFor(namespace: string, name: string): string {
  const n = 2 + (hashOf(`${namespace}/${name}`) % ((1 << 20) - 3));
  return `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/** A port in the default node port range 30000-32767. */
export function nodePortFor(namespace: string, name: string, index: number): number {
  return 30000 + (hashOf(`${namespace}/${name}/${index}`) % 2768);
}

function serviceDefaults(spec: Obj, body: K8sObject): void {
  str(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = obj(spec, 'sessionAffinityConfig', true)!;
    const ip = obj(cfg, 'clientIP', true)!;
    ptr(ip, 'timeoutSeconds', 10800);
  }
  str(spec, 'type', 'ClusterIP');
  const type = spec.type;
  const ports = list(spec.ports);
  for (const p of ports) {
    str(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const external = type === 'NodePort' || type === 'LoadBalancer';
  if (external) str(spec, 'externalTrafficPolicy', 'Cluster');
  if (external || type === 'ClusterIP') ptr(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') ptr(spec, 'allocateLoadBalancerNodePorts', true);
  if (type === 'ExternalName') return;
  // The registry's allocators: a cluster IP (unless headless), IPv4 single stack, node ports.
  const m = isObj(body.metadata) ? body.metadata : {};
  const ns = typeof m.namespace === 'string' ? m.namespace : '';
  const name = typeof m.name === 'string' ? m.name : '';
  if (!spec.clusterIP && Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === 'string') spec.clusterIP = spec.clusterIPs[0];
  str(spec, 'clusterIP', clusterIPFor(ns, name));
  if (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0) spec.clusterIPs = [spec.clusterIP];
  // A headless service without a selector asks for every family the cluster has (here only IPv4).
  const headlessNoSelector = spec.clusterIP === 'None' && !(isObj(spec.selector) && Object.keys(spec.selector).length);
  str(spec, 'ipFamilyPolicy', headlessNoSelector ? 'RequireDualStack' : 'SingleStack');
  if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  const nodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (nodePorts) ports.forEach((p, i) => {
    if (!p.nodePort) p.nodePort = nodePortFor(ns, name, i);
  });
}

// ---------------------------------------------------------------- workloads

function deploymentDefaults(spec: Obj): void {
  ptr(spec, 'replicas', 1);
  const strategy = obj(spec, 'strategy', true)!;
  str(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy, 'rollingUpdate', true)!;
    ptr(ru, 'maxUnavailable', '25%');
    ptr(ru, 'maxSurge', '25%');
  }
  ptr(spec, 'revisionHistoryLimit', 10);
  ptr(spec, 'progressDeadlineSeconds', 600);
  templateDefaults(spec);
}

function daemonSetDefaults(spec: Obj): void {
  const strategy = obj(spec, 'updateStrategy', true)!;
  str(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy, 'rollingUpdate', true)!;
    ptr(ru, 'maxUnavailable', 1);
    ptr(ru, 'maxSurge', 0);
  }
  ptr(spec, 'revisionHistoryLimit', 10);
  templateDefaults(spec);
}

function statefulSetDefaults(spec: Obj): void {
  str(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = obj(spec, 'updateStrategy', true)!;
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    obj(strategy, 'rollingUpdate', true);
  }
  const ru = strategy.type === 'RollingUpdate' ? obj(strategy, 'rollingUpdate') : undefined;
  if (ru) ptr(ru, 'partition', 0);
  const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy', true)!;
  str(retention, 'whenDeleted', 'Retain');
  str(retention, 'whenScaled', 'Retain');
  ptr(spec, 'replicas', 1);
  ptr(spec, 'revisionHistoryLimit', 10);
  templateDefaults(spec);
  // Claim templates are PersistentVolumeClaims, defaulted as such (status included, as `get -o yaml` shows).
  for (const claim of list(spec.volumeClaimTemplates)) {
    const cs = obj(claim, 'spec');
    if (cs) str(cs, 'volumeMode', 'Filesystem');
    const st = obj(claim, 'status', true)!;
    str(st, 'phase', 'Pending');
  }
}

function jobDefaults(spec: Obj, body: K8sObject): void {
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  ptr(spec, 'parallelism', 1);
  ptr(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? 2147483647 : 6);
  ptr(spec, 'completionMode', 'NonIndexed');
  ptr(spec, 'suspend', false);
  ptr(spec, 'podReplacementPolicy', spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed');
  const t = obj(spec, 'template');
  const tm = t && obj(t, 'metadata');
  if (tm && isObj(tm.labels)) {
    const m = obj(body, 'metadata', true)!;
    if (!isObj(m.labels) || Object.keys(m.labels).length === 0) m.labels = { ...tm.labels };
  }
  templateDefaults(spec);
}

function cronJobDefaults(spec: Obj): void {
  str(spec, 'concurrencyPolicy', 'Allow');
  ptr(spec, 'suspend', false);
  ptr(spec, 'successfulJobsHistoryLimit', 3);
  ptr(spec, 'failedJobsHistoryLimit', 1);
  // SetDefaults_Job is for Jobs, not job templates: only the pod template inside gets defaults.
  const jt = obj(spec, 'jobTemplate');
  const js = jt && obj(jt, 'spec');
  if (js) templateDefaults(js);
}

function hpaDefaults(spec: Obj): void {
  ptr(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const behavior = obj(spec, 'behavior');
  if (!behavior) return;
  behavior.scaleUp = {
    stabilizationWindowSeconds: 0, selectPolicy: 'Max',
    policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
    ...given(behavior.scaleUp),
  };
  behavior.scaleDown = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], ...given(behavior.scaleDown) };
}

/** The fields of a scaling rule that are set (null counts as unset). */
function given(v: unknown): Obj {
  return isObj(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null)) : {};
}
