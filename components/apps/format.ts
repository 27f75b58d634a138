/**
 * Between what the app API shows and what it takes: a version's item shows
 * CPU in cores, the create request (and AppSpec) takes percent of one core.
 * Client-safe.
 */
import type { AppCreateInput, AppItem } from '@/lib/dialects/ote/app';
import type { AppSpec } from '@/lib/catalog/spec';
import { fieldChanges, type FieldChange } from '@/lib/deploy/diff';

/** Cores as shown → percent as taken (0.1 → 10); rounded, since 0.07 * 100 is not 7 in floating point. */
export const percentOf = (cores: number) => Math.round(cores * 100);

/** The spec of a version item, as objectsOf takes it (CPU back in percent). */
export function specOfItem(v: AppItem): AppSpec {
  return {
    deployType: v.deployType === 'daemonset' ? 'daemonset' : 'deployment',
    image: v.image,
    repositoryId: v.repositoryId || undefined,
    port: v.port,
    command: v.command,
    volume: v.volume,
    env: v.env,
    replicas: v.replicas,
    minReplicas: v.minReplicas,
    maxReplicas: v.maxReplicas,
    minCPU: percentOf(v.minCPU),
    maxCPU: percentOf(v.maxCPU),
    GPU: v.GPU,
    isHPA: v.isHPA,
    targetCPUUtilization: v.targetCPUUtilization,
    targetMemUtilization: v.targetMemUtilization,
    minMemory: v.minMemory,
    maxMemory: v.maxMemory,
    maxUnavailable: v.maxUnavailable,
    maxSurge: v.maxSurge,
    minReadySeconds: v.minReadySeconds,
  };
}

/** A create request that repeats version `v` under the same name, for "new version of this application" (version left empty). */
export function formValuesOf(v: AppItem): AppCreateInput {
  const s = specOfItem(v);
  return {
    ...s,
    deployType: s.deployType,
    repositoryId: s.repositoryId,
    appName: v.appName,
    version: '',
    dependence: v.dependence,
    projectName: v.projectName,
  };
}

/** Starting values of a new application: the seed's example numbers, nothing named yet. */
export function blankForm(projectName?: string): AppCreateInput {
  return {
    appName: '', version: '1.0', deployType: 'deployment', image: '', repositoryId: undefined, port: [], command: '', volume: [], env: [],
    replicas: 1, minReplicas: 1, maxReplicas: 1, minCPU: 10, maxCPU: 100, GPU: 0, isHPA: false, targetCPUUtilization: 80, targetMemUtilization: 80,
    minMemory: 128, maxMemory: 256, maxUnavailable: 1, maxSurge: 1, minReadySeconds: 0, dependence: [], projectName,
  };
}

/** What differs between two versions' specs (CPU compared in cores, as both items show it). */
export function specChanges(a: AppItem, b: AppItem): FieldChange[] {
  const pick = (v: AppItem) => {
    const { id: _id, version: _v, createTime: _c, updateTime: _u, versions: _n, values: _vals, templates: _t, ...rest } = v;
    return rest;
  };
  return fieldChanges(pick(a), pick(b));
}

/** A leaf value for a table cell. */
export function shown(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

/** Newest first by the numbers of the version, so 1.10 comes after 1.9. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
