import { z } from 'zod';
import type { AppSpec } from '../../catalog/spec';
import { commandWords } from '../../deploy/objects';

/**
 * Wire shapes of ote-stack "Application Management". Client-safe: the
 * application form validates with the same schema the route does.
 */

/** Application and deployment names become Kubernetes object names and label values: DNS-1123 labels. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const dnsLabel = z
  .string({ error: 'required' })
  .min(1, 'required')
  .max(63, 'at most 63 characters')
  .regex(DNS_LABEL, 'lowercase letters, digits and -, starting and ending with a letter or digit');

/** "x.x, for example 1.1"; the seed's own examples go to four parts (1.1.1.1), so 2–4 numeric parts. */
export const VERSION = /^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){1,3}$/;
export const appVersion = z
  .string({ error: 'required' })
  .min(1, 'required')
  .max(39, 'at most 39 characters')
  .regex(VERSION, 'numbers joined by dots, 2 to 4 parts (e.g. 1.1 or 1.2.3)');

/** An image reference: [host[:port]/]path[:tag][@sha256:digest], OCI name grammar. */
const IMAGE_REF = /^(?:[A-Za-z0-9.-]+(?::\d{1,5})?\/)?[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

const uint = (max: number) => z.number('a whole number').int('a whole number').min(0, 'at least 0').max(max, `at most ${max}`);
const range = (min: number, max: number) => z.number('a whole number').int('a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`);

export const LIMITS = {
  replicas: 1000,
  cpuPercent: 100_000,
  memoryMiB: 4_194_304,
  gpu: 64,
  utilization: 1000,
  rollout: 10_000,
  minReadySeconds: 86_400,
  ports: 64,
  volumes: 64,
  env: 256,
  command: 4096,
  envValue: 32_768,
  path: 4096,
} as const;

const absolutePath = z
  .string({ error: 'required' })
  .min(1, 'required')
  .max(LIMITS.path, `at most ${LIMITS.path} characters`)
  .refine((p) => p.startsWith('/'), 'an absolute path')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

export const portItem = z.strictObject({
  port: range(1, 65535),
  hostPort: range(1, 65535).optional(),
});

export const volumeItem = z.strictObject({
  path: absolutePath,
  hostPath: absolutePath,
  readOnly: z.boolean('true or false').default(false),
});

export const envItem = z.strictObject({
  name: z
    .string({ error: 'required' })
    .min(1, 'required')
    .max(253, 'at most 253 characters')
    .regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'letters, digits, _ - . and not starting with a digit'),
  value: z.string('a string').max(LIMITS.envValue, `at most ${LIMITS.envValue} characters`).default(''),
});

export const dependenceItem = z.strictObject({
  name: z.string({ error: 'required' }).min(1, 'required').max(253, 'at most 253 characters'),
  service: z.string({ error: 'required' }).min(1, 'required').max(253, 'at most 253 characters'),
  port: range(1, 65535),
});

/** The spec fields of `POST /v1/app`, before the cross-field rules. */
const appFields = {
  appName: dnsLabel,
  deployType: z.enum(['deployment', 'daemonset'], 'deployment or daemonset'),
  image: z
    .string({ error: 'required' })
    .min(1, 'required')
    .max(255, 'at most 255 characters')
    .regex(IMAGE_REF, 'an image reference such as nginx:1.27 or registry.example.com/team/app:v1'),
  version: appVersion,
  repositoryId: z.string('a string').regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'letters, digits, _ . - (at most 63)').optional(),
  port: z.array(portItem, 'a list of {port, hostPort}').max(LIMITS.ports, `at most ${LIMITS.ports} ports`),
  command: z
    .string('a string')
    .max(LIMITS.command, `at most ${LIMITS.command} characters`)
    .refine((c) => { try { commandWords(c); return true; } catch { return false; } }, 'an unterminated quote')
    .default(''),
  volume: z.array(volumeItem, 'a list of {path, hostPath, readOnly}').max(LIMITS.volumes, `at most ${LIMITS.volumes} volumes`).default([]),
  env: z.array(envItem, 'a list of {name, value}').max(LIMITS.env, `at most ${LIMITS.env} variables`).default([]),
  replicas: uint(LIMITS.replicas).optional(),
  minReplicas: uint(LIMITS.replicas).optional(),
  maxReplicas: uint(LIMITS.replicas).optional(),
  minCPU: range(1, LIMITS.cpuPercent),
  maxCPU: range(1, LIMITS.cpuPercent),
  GPU: uint(LIMITS.gpu).default(0),
  isHPA: z.boolean('true or false'),
  targetCPUUtilization: range(1, LIMITS.utilization),
  targetMemUtilization: range(1, LIMITS.utilization),
  minMemory: range(1, LIMITS.memoryMiB),
  maxMemory: range(1, LIMITS.memoryMiB),
  maxUnavailable: uint(LIMITS.rollout),
  maxSurge: uint(LIMITS.rollout),
  minReadySeconds: uint(LIMITS.minReadySeconds),
  /** Pier: which project the application belongs to (default: the token's project, else the caller's first). */
  projectName: dnsLabel.optional(),
  /** Shown by the seed's GET examples; accepted on create so it can be set. */
  dependence: z.array(dependenceItem, 'a list of {name, service, port}').max(64, 'at most 64 entries').default([]),
};

type Issue = { path: string; message: string };

/** The rules between fields; each problem names the field to correct. */
export function crossFieldProblems(v: {
  deployType: string; replicas?: number; minReplicas?: number; maxReplicas?: number; isHPA: boolean;
  minCPU: number; maxCPU: number; minMemory: number; maxMemory: number; maxUnavailable: number; maxSurge: number;
  port: { port: number; hostPort?: number }[]; volume: { path: string }[]; env: { name: string }[];
}): Issue[] {
  const out: Issue[] = [];
  if (v.minCPU > v.maxCPU) out.push({ path: 'minCPU', message: 'at most maxCPU' });
  if (v.minMemory > v.maxMemory) out.push({ path: 'minMemory', message: 'at most maxMemory' });
  if (v.maxUnavailable === 0 && v.maxSurge === 0) out.push({ path: 'maxUnavailable', message: 'maxUnavailable and maxSurge may not both be 0' });
  if (v.isHPA && v.deployType !== 'deployment') out.push({ path: 'isHPA', message: 'autoscaling only applies to deployType deployment' });
  if (v.deployType === 'deployment') {
    const r = replicaCounts(v);
    if (v.isHPA && r.minReplicas < 1) out.push({ path: 'minReplicas', message: 'at least 1 with isHPA' });
    if (r.minReplicas > r.maxReplicas) out.push({ path: 'minReplicas', message: 'at most maxReplicas' });
    else if (r.replicas < r.minReplicas) out.push({ path: 'replicas', message: 'at least minReplicas' });
    else if (r.replicas > r.maxReplicas) out.push({ path: 'replicas', message: 'at most maxReplicas' });
  }
  const dup = <T>(items: T[], key: (t: T) => unknown, path: (i: number) => string, what: string) => {
    const seen = new Set<unknown>();
    items.forEach((it, i) => {
      const k = key(it);
      if (k === undefined) return;
      if (seen.has(k)) out.push({ path: path(i), message: `duplicate ${what}` });
      seen.add(k);
    });
  };
  dup(v.port, (p) => p.port, (i) => `port.${i}.port`, 'port');
  dup(v.port, (p) => p.hostPort, (i) => `port.${i}.hostPort`, 'hostPort');
  dup(v.volume, (p) => p.path, (i) => `volume.${i}.path`, 'mount path');
  dup(v.env, (e) => e.name, (i) => `env.${i}.name`, 'variable name');
  return out;
}

/** Replicas with the defaults filled in: replicas from minReplicas else 1; the bounds from replicas. */
export function replicaCounts(v: { replicas?: number; minReplicas?: number; maxReplicas?: number }) {
  const replicas = v.replicas ?? v.minReplicas ?? 1;
  const minReplicas = v.minReplicas ?? Math.min(replicas, v.maxReplicas ?? replicas);
  const maxReplicas = v.maxReplicas ?? Math.max(replicas, minReplicas);
  return { replicas, minReplicas, maxReplicas };
}

export const appCreate = z.strictObject(appFields).superRefine((v, ctx) => {
  for (const p of crossFieldProblems(v)) ctx.addIssue({ code: 'custom', path: p.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), message: p.message });
});

export type AppCreateInput = z.input<typeof appCreate>;
export type AppCreate = z.output<typeof appCreate>;

/** The parsed request as the catalog keeps it. */
export function specOf(v: AppCreate): AppSpec {
  const r = replicaCounts(v);
  return {
    deployType: v.deployType, image: v.image, repositoryId: v.repositoryId, port: v.port, command: v.command, volume: v.volume, env: v.env,
    ...r, minCPU: v.minCPU, maxCPU: v.maxCPU, GPU: v.GPU, isHPA: v.isHPA,
    targetCPUUtilization: v.targetCPUUtilization, targetMemUtilization: v.targetMemUtilization,
    minMemory: v.minMemory, maxMemory: v.maxMemory, maxUnavailable: v.maxUnavailable, maxSurge: v.maxSurge, minReadySeconds: v.minReadySeconds,
  };
}

const page = z.coerce.number().int('a whole number').min(1, 'at least 1').default(1);
/** 0 means every row, as the seed says. */
const pageSize = z.coerce.number().int('a whole number').min(0, 'at least 0').max(1000, 'at most 1000').default(10);
export const nameMode = z.enum(['strict', 'partial', 'prefix'], 'strict, partial or prefix').default('partial');

export const appListQuery = z.strictObject({
  page,
  pageSize,
  appName: z.string().max(63, 'at most 63 characters').optional(),
  appNameMode: nameMode,
  version: z.string().max(39, 'at most 39 characters').optional(),
  /** Pier: only this project's applications. */
  projectName: z.string().max(63, 'at most 63 characters').optional(),
  /** Pier: `true` lists each application once, as its newest version, with `versions` (how many it has). */
  latest: z.enum(['true', 'false'], 'true or false').transform((v) => v === 'true').optional(),
  /** Pier: `version` sorts by version number, highest first (default `id`: newest first, as the seed lists). */
  orderBy: z.enum(['id', 'version'], 'id or version').optional(),
});

export const appDelete = z.strictObject({
  appId: z
    .union([z.coerce.number().int('whole numbers').min(1, 'positive'), z.array(z.coerce.number().int('whole numbers').min(1, 'positive'))], 'a list of application ids')
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.number()).min(1, 'at least one id').max(1000, 'at most 1000 ids')),
});

export const appIdParam = z.coerce.number('a whole number').int('a whole number').min(1, 'at least 1').max(2147483647, 'out of range');

/** One item of `GET /v1/app` and the `data` of `GET /v1/app/id/{appId}`. */
export interface AppItem {
  id: number;
  appName: string;
  status: number;
  deployType: string;
  image: string;
  projectName: string;
  repositoryId: string;
  version: string;
  replicas: number;
  port: { port: number; hostPort?: number }[];
  command: string;
  volume: { path: string; hostPath: string; readOnly: boolean }[];
  dependence: { name: string; service: string; port: number }[];
  env: { name: string; value: string }[];
  minReplicas: number;
  maxReplicas: number;
  /** Cores (the input was percent). */
  minCPU: number;
  maxCPU: number;
  GPU: number;
  isHPA: boolean;
  targetCPUUtilization: number;
  targetMemUtilization: number;
  minMemory: number;
  maxMemory: number;
  maxUnavailable: number;
  maxSurge: number;
  minReadySeconds: number;
  createTime: number;
  updateTime: number;
  /** Pier, with `latest=true`: how many versions the application has. */
  versions?: number;
  /** Pier: present for a chart version. */
  chart?: { apiVersion: string; name: string; version: string; appVersion?: string; description?: string; type?: string; files: string[] };
  /** Pier, detail of a chart version only. */
  values?: string;
  templates?: { path: string; content: string }[];
}

export const appIdParams = z.object({ appId: appIdParam });
