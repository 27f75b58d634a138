import type { Container as KContainer, EnvVar, Probe, SecurityContext, Lifecycle } from 'kubernetes-types/core/v1';
import type { Container, Env, Health, Hook, Resources, Security } from '@/lib/dialects/ecns/workloads';
import { defaultPullPolicy, joinImage, splitImage } from './images';
import { cpuCores, cpuQuantity, memoryMiB, memoryQuantity } from './quantity';

/** ECNS-only container fields, kept in the workload's `pier.io/containers` annotation by container name. */
export interface ContainerMeta {
  image_source?: 'ecns' | 'third_party';
  harbor_project_name?: string;
  image_auth?: boolean;
  image_secret?: string;
  logsidecar_injector?: string[];
}

function resourcesToKube(r: Resources | undefined): KContainer['resources'] | undefined {
  if (!r) return undefined;
  const side = (s: Resources['requests']) => {
    if (!s) return undefined;
    const out: Record<string, string> = {};
    if (s.cpu !== undefined) out.cpu = cpuQuantity(s.cpu);
    if (s.memory !== undefined) out.memory = memoryQuantity(s.memory);
    return Object.keys(out).length ? out : undefined;
  };
  const out: KContainer['resources'] = {};
  const requests = side(r.requests);
  const limits = side(r.limits);
  if (requests) out.requests = requests;
  if (limits) out.limits = limits;
  return Object.keys(out).length ? out : undefined;
}

function resourcesFromKube(r: KContainer['resources']): Resources | undefined {
  const side = (s: Record<string, string | number> | undefined) => {
    if (!s) return undefined;
    const out: { cpu?: number; memory?: number } = {};
    if (s.cpu !== undefined) out.cpu = cpuCores(s.cpu);
    if (s.memory !== undefined) out.memory = memoryMiB(s.memory);
    return Object.keys(out).length ? out : undefined;
  };
  const requests = side(r?.requests as Record<string, string> | undefined);
  const limits = side(r?.limits as Record<string, string> | undefined);
  if (!requests && !limits) return undefined;
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

function envToKube(e: Env): EnvVar {
  if (e.type === 'Normal') return { name: e.name, value: e.key ?? '' };
  const ref = { name: e.key!, key: e.value! };
  return { name: e.name, valueFrom: e.type === 'ConfigMap' ? { configMapKeyRef: ref } : { secretKeyRef: ref } };
}

/** null for variables ECNS cannot describe (fieldRef, resourceFieldRef): the containers action keeps those as they are. */
function envFromKube(e: EnvVar): Env | null {
  if (e.valueFrom?.configMapKeyRef) return { type: 'ConfigMap', name: e.name, key: e.valueFrom.configMapKeyRef.name ?? '', value: e.valueFrom.configMapKeyRef.key };
  if (e.valueFrom?.secretKeyRef) return { type: 'Secret', name: e.name, key: e.valueFrom.secretKeyRef.name ?? '', value: e.valueFrom.secretKeyRef.key };
  if (e.valueFrom) return null;
  return { type: 'Normal', name: e.name, key: e.value ?? '' };
}

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash']);
const shell = (cmd: string) => ['/bin/sh', '-c', cmd];
const unshell = (command: string[] | undefined): string =>
  command && command.length === 3 && SHELLS.has(command[0]) && command[1] === '-c' ? command[2] : (command ?? []).join(' ');

/** The apiserver's probe defaults: equal values are left out when reading, so a defaulted object reads the same. */
const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, initialDelaySeconds: 0 };

function probeToKube(h: Health): Probe {
  const p: Probe = {};
  if (h.protocol === 'cmd') p.exec = { command: shell(h.cmd!) };
  else if (h.protocol === 'tcp') p.tcpSocket = { port: h.port!, ...(h.host ? { host: h.host } : {}) };
  else p.httpGet = { port: h.port!, ...(h.path ? { path: h.path } : {}), scheme: h.protocol === 'https' ? 'HTTPS' : 'HTTP', ...(h.host ? { host: h.host } : {}) };
  if (h.initial_delay !== undefined) p.initialDelaySeconds = h.initial_delay;
  if (h.period !== undefined) p.periodSeconds = h.period;
  if (h.timeout !== undefined) p.timeoutSeconds = h.timeout;
  if (h.success_threshold !== undefined) p.successThreshold = h.success_threshold;
  if (h.failure_threshold !== undefined) p.failureThreshold = h.failure_threshold;
  return p;
}

function probeFromKube(type: Health['type'], p: Probe | undefined): Health | null {
  if (!p) return null;
  let h: Health;
  if (p.exec) h = { type, protocol: 'cmd', cmd: unshell(p.exec.command) };
  else if (p.tcpSocket) h = { type, protocol: 'tcp', port: Number(p.tcpSocket.port), ...(p.tcpSocket.host ? { host: p.tcpSocket.host } : {}) };
  else if (p.httpGet) {
    h = { type, protocol: p.httpGet.scheme === 'HTTPS' ? 'https' : 'http', port: Number(p.httpGet.port) };
    if (p.httpGet.path) h.path = p.httpGet.path;
    if (p.httpGet.host) h.host = p.httpGet.host;
  } else return null; // grpc: ECNS has no protocol for it
  const set = <K extends keyof typeof PROBE_DEFAULTS>(k: K, field: 'initial_delay' | 'period' | 'timeout' | 'success_threshold' | 'failure_threshold') => {
    const v = p[k];
    if (v !== undefined && v !== PROBE_DEFAULTS[k]) h[field] = v;
  };
  set('initialDelaySeconds', 'initial_delay');
  set('periodSeconds', 'period');
  set('timeoutSeconds', 'timeout');
  set('successThreshold', 'success_threshold');
  set('failureThreshold', 'failure_threshold');
  return h;
}

const PROBE_FIELD = { liveness: 'livenessProbe', readiness: 'readinessProbe', startup: 'startupProbe' } as const;

function securityToKube(s: Security): SecurityContext | undefined {
  const out: SecurityContext = {};
  if (s.run_as_nonroot !== undefined) out.runAsNonRoot = s.run_as_nonroot;
  if (s.rootfs_readonly !== undefined) out.readOnlyRootFilesystem = s.rootfs_readonly;
  if (s.run_as_user !== undefined) out.runAsUser = s.run_as_user;
  if (s.run_as_group !== undefined) out.runAsGroup = s.run_as_group;
  if (s.privileged !== undefined) out.privileged = s.privileged;
  const caps = s.capabilities === undefined ? [] : Array.isArray(s.capabilities) ? s.capabilities : [s.capabilities];
  if (caps.length) {
    out.capabilities = {};
    for (const c of caps) out.capabilities[c.action] = [...c.caps];
  }
  return Object.keys(out).length ? out : undefined;
}

function securityFromKube(sc: SecurityContext | undefined, pod: { hostPID?: boolean; hostIPC?: boolean }): Security | undefined {
  const s: Security = {};
  if (sc?.runAsNonRoot !== undefined) s.run_as_nonroot = sc.runAsNonRoot;
  if (sc?.readOnlyRootFilesystem !== undefined) s.rootfs_readonly = sc.readOnlyRootFilesystem;
  if (pod.hostPID) s.host_pid = true;
  if (pod.hostIPC) s.host_ipc = true;
  if (sc?.runAsUser !== undefined) s.run_as_user = sc.runAsUser;
  if (sc?.runAsGroup !== undefined) s.run_as_group = sc.runAsGroup;
  if (sc?.privileged !== undefined) s.privileged = sc.privileged;
  const caps = (['add', 'drop'] as const).filter((a) => sc?.capabilities?.[a]?.length).map((a) => ({ action: a, caps: [...sc!.capabilities![a]!] }));
  if (caps.length === 1) s.capabilities = caps[0];
  else if (caps.length === 2) s.capabilities = caps;
  return Object.keys(s).length ? s : undefined;
}

function hooksToKube(hooks: Hook[] | undefined): Lifecycle | undefined {
  if (!hooks?.length) return undefined;
  const out: Lifecycle = {};
  for (const h of hooks) out[h.type === 'PreStop' ? 'preStop' : 'postStart'] = { exec: { command: [...h.cmd] } };
  return out;
}

function hooksFromKube(l: Lifecycle | undefined): Hook[] | undefined {
  const out: Hook[] = [];
  if (l?.postStart?.exec?.command) out.push({ type: 'PostStart', cmd: [...l.postStart.exec.command] });
  if (l?.preStop?.exec?.command) out.push({ type: 'PreStop', cmd: [...l.preStop.exec.command] });
  return out.length ? out : undefined;
}

/**
 * One ECNS container → a Kubernetes container. Starting from `base` (the
 * live container of that name, when changing an existing workload) keeps
 * what ECNS does not describe: ports, envFrom, env from fieldRef, grpc probes.
 */
export function containerToKube(c: Container, base?: KContainer): KContainer {
  const ref = joinImage(c.image.image, c.image.image_version);
  const out: KContainer = { ...(base ?? {}), name: c.name, image: ref };
  const set = <K extends keyof KContainer>(k: K, v: KContainer[K] | undefined) => {
    if (v === undefined) delete out[k];
    else out[k] = v;
  };
  set('imagePullPolicy', c.image.image_pull_policy);
  set('resources', resourcesToKube(c.resources));
  const kept = (base?.env ?? []).filter((e) => envFromKube(e) === null);
  const env = [...(c.env ?? []).map(envToKube), ...kept];
  set('env', env.length ? env : undefined);
  set('volumeMounts', c.volume_mounts?.length
    ? c.volume_mounts.map((m) => ({ name: m.volume_name, mountPath: m.mount_path, readOnly: m.read_only, ...(m.sub_path ? { subPath: m.sub_path } : {}) }))
    : undefined);
  for (const t of ['liveness', 'readiness', 'startup'] as const) {
    const h = c.health?.find((x) => x.type === t);
    const keepGrpc = !h && base?.[PROBE_FIELD[t]]?.grpc;
    if (!keepGrpc) set(PROBE_FIELD[t], h ? probeToKube(h) : undefined);
  }
  set('securityContext', c.security ? securityToKube(c.security) : undefined);
  set('command', c.commands?.cmd?.length ? [...c.commands.cmd] : undefined);
  set('args', c.commands?.args?.length ? [...c.commands.args] : undefined);
  set('lifecycle', hooksToKube(c.hooks));
  return out;
}

export function containerMetaOf(c: Container): ContainerMeta | undefined {
  const m: ContainerMeta = {};
  if (c.image_source) m.image_source = c.image_source;
  if (c.image.harbor_project_name) m.harbor_project_name = c.image.harbor_project_name;
  if (c.image.image_auth !== undefined) m.image_auth = c.image.image_auth;
  if (c.image.image_secret) m.image_secret = c.image.image_secret;
  if (c.logsidecar_injector?.length) m.logsidecar_injector = [...c.logsidecar_injector];
  return Object.keys(m).length ? m : undefined;
}

export interface PodLevel {
  hostPID?: boolean;
  hostIPC?: boolean;
  imagePullSecrets?: Array<{ name?: string }>;
}

/** A Kubernetes container → ECNS. `meta` is its entry in the annotation, if Pier wrote one. */
export function containerFromKube(k: KContainer, type: 'worker' | 'init', pod: PodLevel, meta: ContainerMeta | undefined): Container {
  const { image, image_version } = splitImage(k.image ?? '');
  const img: Container['image'] = { image, image_version };
  if (meta?.harbor_project_name) img.harbor_project_name = meta.harbor_project_name;
  const secret = meta ? meta.image_secret : pod.imagePullSecrets?.[0]?.name;
  if (meta?.image_auth !== undefined) img.image_auth = meta.image_auth;
  else if (secret) img.image_auth = true;
  if (secret) img.image_secret = secret;
  if (k.imagePullPolicy && k.imagePullPolicy !== defaultPullPolicy(k.image ?? '')) img.image_pull_policy = k.imagePullPolicy as 'Always' | 'IfNotPresent';
  const c: Container = { name: k.name, type, image: img };
  if (meta?.image_source) c.image_source = meta.image_source;
  const resources = resourcesFromKube(k.resources);
  if (resources) c.resources = resources;
  const env = (k.env ?? []).map(envFromKube).filter((e): e is Env => e !== null);
  if (env.length) c.env = env;
  if (k.volumeMounts?.length) {
    c.volume_mounts = k.volumeMounts.map((m) => ({ volume_name: m.name, mount_path: m.mountPath, read_only: m.readOnly ?? false, ...(m.subPath ? { sub_path: m.subPath } : {}) }));
  }
  if (meta?.logsidecar_injector?.length) c.logsidecar_injector = [...meta.logsidecar_injector];
  const health = (['liveness', 'readiness', 'startup'] as const).map((t) => probeFromKube(t, k[PROBE_FIELD[t]])).filter((h): h is Health => h !== null);
  if (health.length) c.health = health;
  const security = securityFromKube(k.securityContext, pod);
  if (security) c.security = security;
  if (k.command?.length || k.args?.length) {
    c.commands = {};
    if (k.command?.length) c.commands.cmd = [...k.command];
    if (k.args?.length) c.commands.args = [...k.args];
  }
  const hooks = hooksFromKube(k.lifecycle);
  if (hooks) c.hooks = hooks;
  return c;
}
