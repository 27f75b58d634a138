/**
 * The kinds a simulated cluster serves, as discovery describes them. Routing
 * resolves a URL's group/version/resource here; anything else is a 404.
 */
export interface KindInfo {
  /** "" for the core group. */
  group: string;
  version: string;
  kind: string;
  /** The URL segment: "pods". */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: Array<'status' | 'scale'>;
}

export const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Spec = Partial<KindInfo> & Pick<KindInfo, 'kind' | 'plural'>;

function kind(group: string, version: string, s: Spec): KindInfo {
  return {
    group,
    version,
    singular: s.kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: VERBS,
    subresources: [],
    ...s,
  };
}

const ALL = ['all'];

export const KINDS: readonly KindInfo[] = [
  kind('', 'v1', { kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], subresources: ['status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  kind('', 'v1', { kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], subresources: ['status'] }),
  kind('', 'v1', { kind: 'Pod', plural: 'pods', shortNames: ['po'], categories: ALL, subresources: ['status'] }),
  kind('', 'v1', { kind: 'Service', plural: 'services', shortNames: ['svc'], categories: ALL, subresources: ['status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  kind('', 'v1', { kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'] }),
  kind('', 'v1', { kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] }),
  kind('', 'v1', { kind: 'Secret', plural: 'secrets' }),
  kind('', 'v1', { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], subresources: ['status'] }),
  kind('', 'v1', { kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, shortNames: ['pv'], subresources: ['status'] }),
  kind('', 'v1', { kind: 'ResourceQuota', plural: 'resourcequotas', shortNames: ['quota'], subresources: ['status'] }),
  kind('', 'v1', { kind: 'Event', plural: 'events', shortNames: ['ev'] }),
  kind('storage.k8s.io', 'v1', { kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'] }),
  kind('apps', 'v1', { kind: 'Deployment', plural: 'deployments', shortNames: ['deploy'], categories: ALL, subresources: ['status', 'scale'] }),
  kind('apps', 'v1', { kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'], categories: ALL, subresources: ['status', 'scale'] }),
  kind('apps', 'v1', { kind: 'StatefulSet', plural: 'statefulsets', shortNames: ['sts'], categories: ALL, subresources: ['status', 'scale'] }),
  kind('apps', 'v1', { kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'], categories: ALL, subresources: ['status'] }),
  kind('apps', 'v1', { kind: 'ControllerRevision', plural: 'controllerrevisions' }),
  kind('batch', 'v1', { kind: 'Job', plural: 'jobs', categories: ALL, subresources: ['status'] }),
  kind('batch', 'v1', { kind: 'CronJob', plural: 'cronjobs', shortNames: ['cj'], categories: ALL, subresources: ['status'] }),
  kind('autoscaling', 'v2', { kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', shortNames: ['hpa'], categories: ALL,
    subresources: ['status'] }),
  // kubectl describe node shows the node's heartbeat Lease (kube-node-lease/<node>).
  kind('coordination.k8s.io', 'v1', { kind: 'Lease', plural: 'leases' }),
  kind('networking.k8s.io', 'v1', { kind: 'Ingress', plural: 'ingresses', shortNames: ['ing'], subresources: ['status'] }),
];

/** "apps/v1", or "v1" for the core group. */
export function apiVersionOf(k: Pick<KindInfo, 'group' | 'version'>): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** "deployments.apps", or "pods": how the apiserver names a resource in messages. */
export function qualifiedResource(k: Pick<KindInfo, 'group' | 'plural'>): string {
  return k.group ? `${k.plural}.${k.group}` : k.plural;
}

/** "Deployment.apps", or "Pod": how Invalid messages name a kind. */
export function qualifiedKind(k: Pick<KindInfo, 'group' | 'kind'>): string {
  return k.group ? `${k.kind}.${k.group}` : k.kind;
}

export function findKind(group: string, version: string, plural: string): KindInfo | undefined {
  return KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
}

export function kindOf(group: string, kindName: string): KindInfo | undefined {
  return KINDS.find((k) => k.group === group && k.kind === kindName);
}

/** Group versions served, core first, in discovery order. */
export function groupVersions(): Array<{ group: string; version: string }> {
  const seen = new Set<string>();
  const out: Array<{ group: string; version: string }> = [];
  for (const k of KINDS) {
    const key = apiVersionOf(k);
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ group: k.group, version: k.version });
    }
  }
  return out;
}

export const NAMESPACES = findKind('', 'v1', 'namespaces')!;
export const NODES = findKind('', 'v1', 'nodes')!;
export const PODS = findKind('', 'v1', 'pods')!;
