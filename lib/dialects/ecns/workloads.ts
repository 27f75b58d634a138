import { z } from 'zod';

/**
 * Wire shapes of ECNS 1.21 (负载): the `workload` type and the types inside it.
 * Client-safe: the route handlers and the workload editor share these.
 * Fields the seed marks "前端不填" (Pods_status, workload_status,
 * container_statuses, access_mode.name/public_ips/private_ips) are accepted
 * and ignored on input, so a workload read back can be sent again.
 */

export const WORKLOAD_PRODUCT_TYPES = ['eks', 'hybrid', 'security'] as const;
export const WORKLOAD_TYPES = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadType = (typeof WORKLOAD_TYPES)[number];

/**
 * A workload's name also names its Services (`<name>`, `<name>-<n>`), PVCs
 * (`<name>-<volume>`) and, for a StatefulSet, its pods (`<name>-<ordinal>`):
 * a DNS-1035 label (Services need a leading letter), short enough to leave
 * room for those suffixes within 63 characters.
 */
export const WORKLOAD_NAME_MAX = 52;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const workloadName = z
  .string()
  .min(1, 'required')
  .max(WORKLOAD_NAME_MAX, `at most ${WORKLOAD_NAME_MAX} characters`)
  .regex(DNS1035, 'lowercase letters, digits and "-", starting with a letter and ending with a letter or digit');

const dnsLabel = (max = 63) => z.string().min(1, 'required').max(max, `at most ${max} characters`)
  .regex(DNS1123_LABEL, 'lowercase letters, digits and "-", starting and ending with a letter or digit');
const dnsSubdomain = z.string().min(1, 'required').max(253, 'at most 253 characters')
  .regex(DNS1123_SUBDOMAIN, 'a lowercase DNS name (letters, digits, "-" and ".")');

const port = z.number().int('a whole number').min(1, 'between 1 and 65535').max(65535, 'between 1 and 65535');
const nonNegative = z.number().int('a whole number').min(0, 'at least 0');
const positive = z.number().int('a whole number').min(1, 'at least 1');

/** Kubernetes label keys: an optional DNS-subdomain prefix and a name of at most 63 characters. */
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const labelKey = z.string().min(1, 'required').max(316, 'too long').refine((k) => {
  const [prefix, name] = k.includes('/') ? [k.slice(0, k.indexOf('/')), k.slice(k.indexOf('/') + 1)] : [undefined, k];
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}, 'a label key: [prefix/]name, name at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric');
/** Pier keeps its own bookkeeping under pier.io/; users may not set those keys. */
const userLabelKey = labelKey.refine((k) => !k.startsWith('pier.io/'), 'the pier.io/ prefix is reserved');
export const labels = z.record(userLabelKey, z.string().max(63, 'at most 63 characters')
  .regex(LABEL_VALUE, 'a label value: letters, digits, "-", "_", "." starting and ending alphanumeric'));
const annotations = z.record(labelKey, z.string().max(65536, 'too long'));

export const workloadBase = z.strictObject({
  name: workloadName,
  type: z.enum(WORKLOAD_TYPES, { error: 'one of Deployment, StatefulSet, DaemonSet' }),
  replicas: z.number().int('a whole number').min(0, 'at least 0').max(10000, 'at most 10000').optional(),
});
export type WorkloadBase = z.infer<typeof workloadBase>;

/** workload_base where the seed says "此处不填replicas" (batch actions, attach/detach). */
export const workloadRef = workloadBase.extend({
  replicas: z.never({ error: 'not used here' }).optional(),
});
export type WorkloadRef = z.infer<typeof workloadRef>;

// ---- access modes (Services, Ingress routers) ----

export const router = z.strictObject({
  domain: dnsSubdomain.optional(),
  path: z.string().max(1024, 'at most 1024 characters').regex(/^\//, 'starts with "/"').optional(),
  target_service: dnsLabel().optional(),
  service_port: port.optional(),
});
export type Router = z.infer<typeof router>;

export const PROTOCOLS = ['TCP', 'UDP'] as const;
export const access = z.strictObject({
  port: port.optional(),
  protocol: z.enum(PROTOCOLS, { error: 'one of TCP, UDP' }).optional(),
  node_port: z.number().int('a whole number').min(30000, 'between 30000 and 32767').max(32767, 'between 30000 and 32767').optional(),
  target_port: port.optional(),
  routers: z.array(router).max(50, 'at most 50 routers').optional(),
});
export type Access = z.infer<typeof access>;

export const ACCESS_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;
export const accessMode = z.strictObject({
  name: dnsLabel().optional(),
  type: z.enum(ACCESS_TYPES, { error: 'one of ClusterIP, NodePort, LoadBalancer, ExternalName' }),
  external_name: dnsSubdomain.optional(),
  cluster_ip: z.string().max(45, 'at most 45 characters').regex(/^(None|[0-9a-fA-F.:]+)$/, 'an IP address or "None"').optional(),
  public_ips: z.array(z.string()).optional(),
  private_ips: z.array(z.string()).optional(),
  access: z.array(access).max(100, 'at most 100 ports'),
  annotations: annotations.optional(),
  /** LoadBalancer only: the load balancer to make; kept as the Service's annotation (Pier creates no OpenStack LB). */
  external: z.record(z.string(), z.unknown()).nullable().optional(),
  subnet: z.string().max(255, 'at most 255 characters').nullable().optional(),
}).superRefine((m, ctx) => {
  if (m.type === 'ExternalName' && !m.external_name) ctx.addIssue({ code: 'custom', path: ['external_name'], message: 'required for type ExternalName' });
  if (m.type !== 'ExternalName' && m.external_name) ctx.addIssue({ code: 'custom', path: ['external_name'], message: 'only for type ExternalName' });
  if (m.type !== 'ExternalName' && m.access.length === 0) ctx.addIssue({ code: 'custom', path: ['access'], message: `at least one port for type ${m.type}` });
  if (m.type === 'ExternalName' && m.cluster_ip) ctx.addIssue({ code: 'custom', path: ['cluster_ip'], message: 'not for type ExternalName' });
  m.access.forEach((a, i) => {
    if (m.type !== 'ExternalName' && a.port === undefined) ctx.addIssue({ code: 'custom', path: ['access', i, 'port'], message: 'required' });
    if (a.node_port !== undefined && m.type !== 'NodePort' && m.type !== 'LoadBalancer') {
      ctx.addIssue({ code: 'custom', path: ['access', i, 'node_port'], message: 'only for types NodePort and LoadBalancer' });
    }
  });
  if ((m.external || m.subnet) && m.type !== 'LoadBalancer') ctx.addIssue({ code: 'custom', path: [m.external ? 'external' : 'subnet'], message: 'only for type LoadBalancer' });
  const seen = new Set<string>();
  m.access.forEach((a, i) => {
    const key = `${a.port}/${a.protocol ?? 'TCP'}`;
    if (a.port !== undefined && seen.has(key)) ctx.addIssue({ code: 'custom', path: ['access', i, 'port'], message: `port ${key} twice` });
    seen.add(key);
  });
});
export type AccessMode = z.infer<typeof accessMode>;

// ---- containers ----

export const PULL_POLICIES = ['Always', 'IfNotPresent'] as const;
export const image = z.strictObject({
  harbor_project_name: z.string().max(255, 'at most 255 characters').optional(),
  image: z.string().min(1, 'required').max(1024, 'at most 1024 characters').regex(/^[^\s:@]+(:[0-9]+)?(\/[^\s:@]+)*$/, 'an image address without tag or digest'),
  image_version: z.string().min(1, 'required').max(128, 'at most 128 characters')
    .regex(/^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[0-9a-f]{64})$/, 'a tag (letters, digits, "_", ".", "-") or sha256:<digest>'),
  image_auth: z.boolean().optional(),
  image_secret: dnsSubdomain.optional(),
  image_pull_policy: z.enum(PULL_POLICIES, { error: 'one of Always, IfNotPresent' }).optional(),
});
export type Image = z.infer<typeof image>;

/** cpu in cores (a float), memory in MiB (a whole number). */
export const resource = z.strictObject({
  cpu: z.number().min(0.001, 'at least 0.001').max(1024, 'at most 1024').optional(),
  memory: z.number().int('a whole number of MiB').min(1, 'at least 1').max(4 * 1024 * 1024, 'at most 4194304').optional(),
});
export const resources = z.strictObject({ requests: resource.optional(), limits: resource.optional() }).superRefine((r, ctx) => {
  for (const k of ['cpu', 'memory'] as const) {
    const req = r.requests?.[k];
    const lim = r.limits?.[k];
    if (req !== undefined && lim !== undefined && req > lim) ctx.addIssue({ code: 'custom', path: ['requests', k], message: `must be less than or equal to limits.${k}` });
  }
});
export type Resources = z.infer<typeof resources>;

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
export const ENV_TYPES = ['Normal', 'ConfigMap', 'Secret'] as const;
/** Normal: `key` is the value and `value` is not given. ConfigMap/Secret: `key` names the object, `value` the key in it. */
export const env = z.strictObject({
  type: z.enum(ENV_TYPES, { error: 'one of Normal, ConfigMap, Secret' }),
  name: z.string().min(1, 'required').max(253, 'at most 253 characters').regex(ENV_NAME, 'letters, digits, "_", "-", "." not starting with a digit'),
  key: z.string().max(65536, 'too long').optional(),
  value: z.string().max(253, 'at most 253 characters').optional(),
}).superRefine((e, ctx) => {
  if (e.type === 'Normal') {
    if (e.key === undefined) ctx.addIssue({ code: 'custom', path: ['key'], message: 'required: the value of a Normal variable' });
    if (e.value !== undefined && e.value !== '') ctx.addIssue({ code: 'custom', path: ['value'], message: 'not for type Normal (the value goes in key)' });
    return;
  }
  if (!e.key || !DNS1123_SUBDOMAIN.test(e.key)) ctx.addIssue({ code: 'custom', path: ['key'], message: `required: the ${e.type}'s name (a lowercase DNS name)` });
  if (!e.value || !/^[-._a-zA-Z0-9]+$/.test(e.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: `required: a key of the ${e.type} (letters, digits, "-", "_", ".")` });
});
export type Env = z.infer<typeof env>;

export const volumeMount = z.strictObject({
  volume_name: dnsLabel(),
  mount_path: z.string().min(1, 'required').max(4096, 'at most 4096 characters').regex(/^\//, 'an absolute path').refine((p) => !p.includes(':'), 'no ":"'),
  read_only: z.boolean({ error: 'required: true or false' }),
  sub_path: z.string().max(4096, 'at most 4096 characters').refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'a relative path without ".."').optional(),
});
export type VolumeMount = z.infer<typeof volumeMount>;

export const HEALTH_TYPES = ['liveness', 'readiness', 'startup'] as const;
export const HEALTH_PROTOCOLS = ['http', 'https', 'tcp', 'cmd'] as const;
export const health = z.strictObject({
  type: z.enum(HEALTH_TYPES, { error: 'one of liveness, readiness, startup' }),
  protocol: z.enum(HEALTH_PROTOCOLS, { error: 'one of http, https, tcp, cmd' }),
  host: z.string().max(253, 'at most 253 characters').optional(),
  path: z.string().max(2048, 'at most 2048 characters').regex(/^\//, 'starts with "/"').optional(),
  cmd: z.string().max(4096, 'at most 4096 characters').optional(),
  port: port.optional(),
  initial_delay: nonNegative.max(3600, 'at most 3600').optional(),
  period: positive.max(3600, 'at most 3600').optional(),
  timeout: positive.max(3600, 'at most 3600').optional(),
  success_threshold: positive.max(100, 'at most 100').optional(),
  failure_threshold: positive.max(100, 'at most 100').optional(),
}).superRefine((h, ctx) => {
  if (h.type !== 'readiness' && h.success_threshold !== undefined && h.success_threshold !== 1) {
    ctx.addIssue({ code: 'custom', path: ['success_threshold'], message: `must be 1 for a ${h.type} check` });
  }
  if (h.protocol === 'cmd') {
    if (!h.cmd?.trim()) ctx.addIssue({ code: 'custom', path: ['cmd'], message: 'required for protocol cmd' });
    for (const f of ['port', 'path', 'host'] as const) if (h[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'not for protocol cmd' });
    return;
  }
  if (h.cmd !== undefined) ctx.addIssue({ code: 'custom', path: ['cmd'], message: 'only for protocol cmd' });
  if (h.port === undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: `required for protocol ${h.protocol}` });
  if (h.protocol === 'tcp' && h.path !== undefined) ctx.addIssue({ code: 'custom', path: ['path'], message: 'only for protocols http and https' });
});
export type Health = z.infer<typeof health>;

const CAPABILITY = /^[A-Z_]+$/;
export const capability = z.strictObject({
  action: z.enum(['add', 'drop'], { error: 'one of add, drop' }),
  caps: z.array(z.string().regex(CAPABILITY, 'a capability name such as NET_ADMIN')).min(1, 'at least one capability').max(64, 'at most 64'),
});
export const security = z.strictObject({
  run_as_nonroot: z.boolean().optional(),
  rootfs_readonly: z.boolean().optional(),
  host_pid: z.boolean().optional(),
  host_ipc: z.boolean().optional(),
  run_as_user: nonNegative.max(2147483647, 'at most 2147483647').optional(),
  run_as_group: nonNegative.max(2147483647, 'at most 2147483647').optional(),
  privileged: z.boolean().optional(),
  /** The seed shows one `{action, caps}`; both actions at once come as a list. */
  capabilities: z.union([capability, z.array(capability).max(2, 'at most add and drop')]).optional(),
}).superRefine((s, ctx) => {
  if (s.run_as_nonroot && s.run_as_user === 0) ctx.addIssue({ code: 'custom', path: ['run_as_user'], message: 'cannot be 0 (root) with run_as_nonroot' });
  if (Array.isArray(s.capabilities) && new Set(s.capabilities.map((c) => c.action)).size !== s.capabilities.length) {
    ctx.addIssue({ code: 'custom', path: ['capabilities'], message: 'each action once' });
  }
});
export type Security = z.infer<typeof security>;

const argList = z.array(z.string().max(4096, 'at most 4096 characters')).max(256, 'at most 256 items');
export const command = z.strictObject({ cmd: argList.optional(), args: argList.optional() });
export const hook = z.strictObject({
  type: z.enum(['PreStop', 'PostStart'], { error: 'one of PreStop, PostStart' }),
  cmd: argList.min(1, 'at least one word'),
});
export type Hook = z.infer<typeof hook>;

export const CONTAINER_TYPES = ['worker', 'init'] as const;
export const container = z.strictObject({
  name: dnsLabel(),
  type: z.enum(CONTAINER_TYPES, { error: 'one of worker, init' }),
  image,
  image_source: z.enum(['ecns', 'third_party'], { error: 'one of ecns, third_party' }).optional(),
  resources: resources.optional(),
  env: z.array(env).max(500, 'at most 500 variables').optional(),
  volume_mounts: z.array(volumeMount).max(100, 'at most 100 mounts').optional(),
  logsidecar_injector: z.array(z.string().regex(/^\//, 'an absolute path')).max(50, 'at most 50 paths').optional(),
  health: z.array(health).max(3, 'at most one check of each type').optional(),
  security: security.optional(),
  commands: command.optional(),
  hooks: z.array(hook).max(2, 'at most one PreStop and one PostStart').optional(),
  container_statuses: z.string().optional(),
}).superRefine((c, ctx) => {
  if (c.image_source === 'ecns' && !c.image.harbor_project_name) {
    ctx.addIssue({ code: 'custom', path: ['image', 'harbor_project_name'], message: 'required when image_source is ecns' });
  }
  if (c.image.image_auth && !c.image.image_secret) ctx.addIssue({ code: 'custom', path: ['image', 'image_secret'], message: 'required when image_auth is true' });
  const types = new Set<string>();
  (c.health ?? []).forEach((h, i) => {
    if (types.has(h.type)) ctx.addIssue({ code: 'custom', path: ['health', i, 'type'], message: `one ${h.type} check per container` });
    types.add(h.type);
    if (c.type === 'init') ctx.addIssue({ code: 'custom', path: ['health', i], message: 'init containers have no health checks' });
  });
  const hooks = new Set<string>();
  (c.hooks ?? []).forEach((h, i) => {
    if (hooks.has(h.type)) ctx.addIssue({ code: 'custom', path: ['hooks', i, 'type'], message: `one ${h.type} hook per container` });
    hooks.add(h.type);
  });
  const envNames = new Set<string>();
  (c.env ?? []).forEach((e, i) => {
    if (envNames.has(e.name)) ctx.addIssue({ code: 'custom', path: ['env', i, 'name'], message: `variable ${e.name} twice` });
    envNames.add(e.name);
  });
  const paths = new Set<string>();
  (c.volume_mounts ?? []).forEach((m, i) => {
    if (paths.has(m.mount_path)) ctx.addIssue({ code: 'custom', path: ['volume_mounts', i, 'mount_path'], message: `${m.mount_path} mounted twice` });
    paths.add(m.mount_path);
  });
});
export type Container = z.infer<typeof container>;

// ---- volumes ----

export const VOLUME_TYPES = ['StorageClass', 'PVC', 'LocalStorage', 'EmptyDir', 'ConfigMap', 'Secret'] as const;
export type VolumeType = (typeof VOLUME_TYPES)[number];
/** The one field each volume type takes. */
export const VOLUME_FIELD: Record<VolumeType, 'storage_class' | 'pvc' | 'local_storage' | 'emptydir' | 'configmap' | 'secret'> = {
  StorageClass: 'storage_class', PVC: 'pvc', LocalStorage: 'local_storage', EmptyDir: 'emptydir', ConfigMap: 'configmap', Secret: 'secret',
};

export const item = z.strictObject({
  key: z.string().min(1, 'required').max(253, 'at most 253 characters').regex(/^[-._a-zA-Z0-9]+$/, 'letters, digits, "-", "_", "."'),
  path: z.string().min(1, 'required').max(4096, 'at most 4096 characters').refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'a relative path without ".."'),
});
export const config = z.strictObject({
  type: z.enum(['ConfigMap', 'Secret'], { error: 'one of ConfigMap, Secret' }),
  name: dnsSubdomain,
  /** The container path; a volume no container mounts is mounted here in every worker container. */
  path: z.string().max(4096, 'at most 4096 characters').regex(/^\//, 'an absolute path'),
  items: z.array(item).max(500, 'at most 500 items').optional(),
});
export type Config = z.infer<typeof config>;

export const storageClassVolume = z.strictObject({
  class_name: dnsSubdomain,
  /** GiB, as the seed's example writes it ("10"); a number is taken too. */
  capacity: z.union([z.string(), z.number()]).transform((v) => String(v)).pipe(z.string().regex(/^[1-9][0-9]{0,5}$/, 'a whole number of GiB, 1 to 999999')),
  access_mode: z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'], { error: 'one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany' }).optional(),
});
/** The seed's `pvc` comes from the PVC list: its name, or an object with the name. */
export const pvcRef = z.union([dnsSubdomain, z.looseObject({ name: dnsSubdomain })]);

export const volume = z.strictObject({
  name: dnsLabel(),
  type: z.enum(VOLUME_TYPES, { error: 'one of StorageClass, PVC, LocalStorage, EmptyDir, ConfigMap, Secret' }),
  storage_class: storageClassVolume.optional(),
  pvc: pvcRef.optional(),
  local_storage: z.string().max(4096, 'at most 4096 characters').regex(/^\//, 'an absolute host path').optional(),
  /** "" or "Memory" (tmpfs), or a size limit such as "1Gi". */
  emptydir: z.string().regex(/^(|Memory|[0-9]+(Ki|Mi|Gi|Ti))$/, '"", "Memory" or a size such as 512Mi').optional(),
  configmap: config.optional(),
  secret: config.optional(),
}).superRefine((v, ctx) => {
  const want = VOLUME_FIELD[v.type];
  for (const f of Object.values(VOLUME_FIELD)) {
    if (f === want) {
      if (v[f] === undefined && f !== 'emptydir') ctx.addIssue({ code: 'custom', path: [f], message: `required for type ${v.type}` });
    } else if (v[f] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [f], message: `not for type ${v.type} (it takes ${want})` });
    }
  }
  if (v.type === 'ConfigMap' && v.configmap && v.configmap.type !== 'ConfigMap') ctx.addIssue({ code: 'custom', path: ['configmap', 'type'], message: 'must be ConfigMap' });
  if (v.type === 'Secret' && v.secret && v.secret.type !== 'Secret') ctx.addIssue({ code: 'custom', path: ['secret', 'type'], message: 'must be Secret' });
});
export type Volume = z.infer<typeof volume>;

// ---- strategies, network ----

export const UPDATE_TYPES = ['first_up', 'first_down', 'recreate', 'custom', 'rolling_update', 'on_delete'] as const;
export type UpdateType = (typeof UPDATE_TYPES)[number];
export const updateStrategy = z.strictObject({
  type: z.enum(UPDATE_TYPES, { error: 'one of first_up, first_down, recreate, custom, rolling_update, on_delete' }).optional(),
  batch_size: positive.max(10000, 'at most 10000').optional(),
  max_surge: nonNegative.max(10000, 'at most 10000').optional(),
  max_unavailable: nonNegative.max(10000, 'at most 10000').optional(),
  /** Seconds a new pod must be ready before the rollout goes on (minReadySeconds). */
  period: nonNegative.max(3600, 'at most 3600').optional(),
}).superRefine((u, ctx) => {
  const t = u.type ?? 'rolling_update';
  if (u.batch_size !== undefined && t !== 'first_up' && t !== 'first_down') {
    ctx.addIssue({ code: 'custom', path: ['batch_size'], message: 'only for types first_up and first_down' });
  }
  if ((u.max_surge !== undefined || u.max_unavailable !== undefined) && t !== 'custom' && t !== 'rolling_update') {
    ctx.addIssue({ code: 'custom', path: [u.max_surge !== undefined ? 'max_surge' : 'max_unavailable'], message: 'only for types custom and rolling_update' });
  }
  if ((t === 'custom' || t === 'rolling_update') && u.max_surge === 0 && u.max_unavailable === 0) {
    ctx.addIssue({ code: 'custom', path: ['max_unavailable'], message: 'max_surge and max_unavailable cannot both be 0' });
  }
});
export type UpdateStrategy = z.infer<typeof updateStrategy>;

export const scaleStrategy = z.strictObject({
  min_replicas: positive.max(10000, 'at most 10000').optional(),
  max_replicas: positive.max(10000, 'at most 10000').optional(),
  /** Target average utilisation in percent. */
  resource: z.strictObject({
    cpu: positive.max(1000, 'at most 1000').optional(),
    memory: positive.max(1000, 'at most 1000').optional(),
  }).optional(),
}).superRefine((s, ctx) => {
  if (s.max_replicas === undefined) ctx.addIssue({ code: 'custom', path: ['max_replicas'], message: 'required' });
  if (s.min_replicas !== undefined && s.max_replicas !== undefined && s.min_replicas > s.max_replicas) {
    ctx.addIssue({ code: 'custom', path: ['min_replicas'], message: 'must be at most max_replicas' });
  }
  if (s.resource?.cpu === undefined && s.resource?.memory === undefined) ctx.addIssue({ code: 'custom', path: ['resource'], message: 'a cpu or memory target is required' });
});
export type ScaleStrategy = z.infer<typeof scaleStrategy>;

export const OPERATORS = ['In', 'NotIn', 'Gt', 'Lt', 'Exists', 'DoesNotExist'] as const;
export const schedulerExpression = z.strictObject({
  key: labelKey,
  operator: z.enum(OPERATORS, { error: 'one of In, NotIn, Gt, Lt, Exists, DoesNotExist' }),
  /** Comma-separated, as the seed types it a str; a list is taken too. */
  values: z.union([z.string(), z.array(z.string())]).optional(),
  weight: z.number().int('a whole number').min(1, 'between 1 and 100').max(100, 'between 1 and 100').optional(),
}).superRefine((e, ctx) => {
  const vs = splitValues(e.values);
  if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && vs.length) ctx.addIssue({ code: 'custom', path: ['values'], message: `not for operator ${e.operator}` });
  if ((e.operator === 'In' || e.operator === 'NotIn') && !vs.length) ctx.addIssue({ code: 'custom', path: ['values'], message: `required for operator ${e.operator}` });
  if ((e.operator === 'Gt' || e.operator === 'Lt') && (vs.length !== 1 || !/^-?[0-9]+$/.test(vs[0]))) {
    ctx.addIssue({ code: 'custom', path: ['values'], message: `one whole number for operator ${e.operator}` });
  }
});
export type SchedulerExpression = z.infer<typeof schedulerExpression>;

/** "a, b" and ["a","b"] alike. */
export function splitValues(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
}

export const schedulerTerm = z.strictObject({
  topology_key: labelKey.optional(),
  expression: z.array(schedulerExpression).min(1, 'at least one expression').max(50, 'at most 50 expressions'),
});
export type SchedulerTerm = z.infer<typeof schedulerTerm>;
/**
 * The seed leaves `scheduler_rule` undefined beyond naming its part
 * `required_prefered`: Pier's reading is hard terms under `required` and soft
 * ones (weighted by their expressions' `weight`) under `prefered`.
 */
export const schedulerRule = z.strictObject({
  required: z.array(schedulerTerm).max(20, 'at most 20 terms').optional(),
  prefered: z.array(schedulerTerm).max(20, 'at most 20 terms').optional(),
});
export type SchedulerRule = z.infer<typeof schedulerRule>;

export const SCHEDULER_TYPES = ['podAffinity', 'podAntiAffinity', 'nodeSelector', 'nodeSelectorTerms'] as const;
const RULE_FIELD = { podAffinity: 'pod_affinity', podAntiAffinity: 'pod_anti_affinity', nodeSelector: 'node_selector', nodeSelectorTerms: 'node_terms' } as const;
export const schedulerStrategy = z.strictObject({
  type: z.enum(SCHEDULER_TYPES, { error: 'one of podAffinity, podAntiAffinity, nodeSelector, nodeSelectorTerms' }),
  node_selector: schedulerRule.optional(),
  pod_affinity: schedulerRule.optional(),
  pod_anti_affinity: schedulerRule.optional(),
  node_terms: schedulerRule.optional(),
}).superRefine((s, ctx) => {
  const want = RULE_FIELD[s.type];
  for (const f of Object.values(RULE_FIELD)) {
    if (f === want && !s[f]) ctx.addIssue({ code: 'custom', path: [f], message: `required for type ${s.type}` });
    if (f !== want && s[f]) ctx.addIssue({ code: 'custom', path: [f], message: `not for type ${s.type} (it takes ${want})` });
  }
  const rule = s[want];
  if (!rule) return;
  if (!rule.required?.length && !rule.prefered?.length) ctx.addIssue({ code: 'custom', path: [want], message: 'at least one required or prefered term' });
  if (s.type === 'nodeSelector') {
    if (rule.prefered?.length) ctx.addIssue({ code: 'custom', path: [want, 'prefered'], message: 'a node selector has only required terms' });
    rule.required?.forEach((t, i) => t.expression.forEach((e, j) => {
      if (e.operator !== 'In' || splitValues(e.values).length !== 1) {
        ctx.addIssue({ code: 'custom', path: [want, 'required', i, 'expression', j], message: 'a node selector takes key In one value' });
      }
    }));
  }
  if (s.type === 'podAffinity' || s.type === 'podAntiAffinity') {
    for (const part of ['required', 'prefered'] as const) rule[part]?.forEach((t, i) => {
      if (!t.topology_key) ctx.addIssue({ code: 'custom', path: [want, part, i, 'topology_key'], message: 'required for pod (anti-)affinity' });
    });
  }
});
export type SchedulerStrategy = z.infer<typeof schedulerStrategy>;

export const network = z.strictObject({
  host_network: z.boolean().optional(),
  dns_policy: z.enum(['ClusterFirst', 'ClusterFirstWithHostNet'], { error: 'one of ClusterFirst, ClusterFirstWithHostNet' }).optional(),
  host_aliases: z.array(z.strictObject({
    ip: z.string().regex(/^([0-9]{1,3}\.){3}[0-9]{1,3}$|^[0-9a-fA-F:]+:[0-9a-fA-F:]*$/, 'an IP address'),
    /** The seed writes one string; several names separated by spaces or commas, or a list, are taken. */
    hostnames: z.union([z.string(), z.array(z.string())]),
  })).max(100, 'at most 100 aliases').optional(),
}).superRefine((n, ctx) => {
  n.host_aliases?.forEach((a, i) => {
    const names = splitHostnames(a.hostnames);
    if (!names.length) ctx.addIssue({ code: 'custom', path: ['host_aliases', i, 'hostnames'], message: 'at least one host name' });
    else if (names.some((h) => !DNS1123_SUBDOMAIN.test(h))) ctx.addIssue({ code: 'custom', path: ['host_aliases', i, 'hostnames'], message: 'lowercase DNS names' });
  });
});
export type Network = z.infer<typeof network>;

export function splitHostnames(v: string | string[]): string[] {
  return (Array.isArray(v) ? v : v.split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean);
}

// ---- the workload ----

/** Output only (the seed leaves pod_status undefined: Pier's choice of fields). */
export interface PodStatus {
  name: string;
  status: string;
  pod_ip: string;
  host_ip: string;
  node_name: string;
  restart_count: number;
  creation_time: string;
}

export const workload = z.strictObject({
  application_name: dnsLabel().optional(),
  application_type: z.enum(['Normal', 'Hybrid'], { error: 'one of Normal, Hybrid' }).optional(),
  workload_base: workloadBase,
  security_groups: z.array(z.string().min(1).max(255, 'at most 255 characters')).max(50, 'at most 50').optional(),
  labels: labels.optional(),
  access_mode: z.array(accessMode).max(20, 'at most 20 access modes').optional(),
  vm_access: z.record(z.string(), z.unknown()).nullable().optional(),
  vm_network: z.record(z.string(), z.unknown()).nullable().optional(),
  runtime_class_name: dnsSubdomain.optional(),
  containers: z.array(container).min(1, 'at least one container').max(50, 'at most 50 containers'),
  volumes: z.array(volume).max(100, 'at most 100 volumes').optional(),
  update_strategy: updateStrategy.optional(),
  scale_strategy: scaleStrategy.optional(),
  scheduler_strategy: z.array(schedulerStrategy).max(20, 'at most 20').optional(),
  network: network.optional(),
  Pods_status: z.unknown().optional(),
  workload_status: z.unknown().optional(),
}).superRefine((w, ctx) => checkWorkload(w, ctx));
export type Workload = z.infer<typeof workload>;
export type WorkloadInput = z.input<typeof workload>;

/** Rules across the workload's parts (the types alone cannot see them). */
function checkWorkload(w: WorkloadParts, ctx: z.RefinementCtx): void {
  const type = w.workload_base.type;
  if (type === 'DaemonSet' && w.workload_base.replicas !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['workload_base', 'replicas'], message: 'not for a DaemonSet (one pod per node)' });
  }
  if (type !== 'DaemonSet' && w.workload_base.replicas === undefined) {
    ctx.addIssue({ code: 'custom', path: ['workload_base', 'replicas'], message: `required for a ${type}` });
  }
  if (type === 'DaemonSet' && w.scale_strategy) ctx.addIssue({ code: 'custom', path: ['scale_strategy'], message: 'not for a DaemonSet' });
  if (w.update_strategy) updateStrategyFits(type, w.update_strategy, ctx, ['update_strategy']);
  if (!w.containers.some((c) => c.type === 'worker')) ctx.addIssue({ code: 'custom', path: ['containers'], message: 'at least one worker container' });
  const names = new Set<string>();
  w.containers.forEach((c, i) => {
    if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['containers', i, 'name'], message: `container ${c.name} twice` });
    names.add(c.name);
  });
  const volumes = new Set<string>();
  (w.volumes ?? []).forEach((v, i) => {
    if (volumes.has(v.name)) ctx.addIssue({ code: 'custom', path: ['volumes', i, 'name'], message: `volume ${v.name} twice` });
    volumes.add(v.name);
  });
  w.containers.forEach((c, i) => c.volume_mounts?.forEach((m, j) => {
    if (!volumes.has(m.volume_name)) ctx.addIssue({ code: 'custom', path: ['containers', i, 'volume_mounts', j, 'volume_name'], message: `no volume named ${m.volume_name}` });
  }));
  const services = new Set<string>();
  (w.access_mode ?? []).forEach((m, i) => {
    const name = m.name ?? serviceNameFor(w.workload_base.name, i);
    if (services.has(name)) ctx.addIssue({ code: 'custom', path: ['access_mode', i, 'name'], message: `service ${name} twice` });
    services.add(name);
  });
  const types = new Set<string>();
  (w.scheduler_strategy ?? []).forEach((s, i) => {
    if (types.has(s.type)) ctx.addIssue({ code: 'custom', path: ['scheduler_strategy', i, 'type'], message: `${s.type} twice` });
    types.add(s.type);
  });
  if (w.network?.dns_policy === 'ClusterFirstWithHostNet' && !w.network.host_network) {
    ctx.addIssue({ code: 'custom', path: ['network', 'dns_policy'], message: 'ClusterFirstWithHostNet needs host_network' });
  }
}
interface WorkloadParts {
  workload_base: WorkloadBase; containers: Container[]; volumes?: Volume[]; access_mode?: AccessMode[];
  update_strategy?: UpdateStrategy; scale_strategy?: ScaleStrategy; scheduler_strategy?: SchedulerStrategy[]; network?: Network;
}

/** Which update strategy types each kind takes. */
export const UPDATE_TYPES_FOR: Record<WorkloadType, readonly UpdateType[]> = {
  Deployment: ['first_up', 'first_down', 'recreate', 'custom', 'rolling_update'],
  StatefulSet: ['rolling_update', 'on_delete'],
  DaemonSet: ['rolling_update', 'on_delete', 'custom'],
};

export function updateStrategyFits(type: WorkloadType, u: UpdateStrategy, ctx: z.RefinementCtx, path: (string | number)[]): void {
  const t = u.type ?? 'rolling_update';
  if (!UPDATE_TYPES_FOR[type].includes(t)) {
    ctx.addIssue({ code: 'custom', path: [...path, 'type'], message: `a ${type} takes ${UPDATE_TYPES_FOR[type].join(', ')}` });
  }
  if (type === 'StatefulSet' && u.max_surge !== undefined) ctx.addIssue({ code: 'custom', path: [...path, 'max_surge'], message: 'not for a StatefulSet' });
}

/** The Service an access mode makes when it names none: the workload's name, then `<name>-2`, `<name>-3`, ... */
export function serviceNameFor(workloadName: string, index: number): string {
  return index === 0 ? workloadName : `${workloadName}-${index + 1}`;
}

/** POST /workloads/: several at once. */
export const createWorkloads = z.strictObject({
  workloads: z.array(workload).min(1, 'at least one workload').max(50, 'at most 50 workloads'),
}).superRefine((b, ctx) => {
  const seen = new Set<string>();
  b.workloads.forEach((w, i) => {
    if (seen.has(w.workload_base.name)) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'workload_base', 'name'], message: `workload ${w.workload_base.name} twice` });
    seen.add(w.workload_base.name);
  });
});
