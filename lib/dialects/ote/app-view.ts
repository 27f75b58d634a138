import type { AppVersionView } from '../../catalog/view';
import { coresOf } from '../../catalog/spec';
import type { AppItem } from './app';
import { unixSeconds } from './images';

/** ote's `status` of an application: 1 = usable. The seed shows only 1 and does not define others. */
const APP_READY = 1;

/** A version as the seed's app list shows it; CPU in cores (the create request takes percent). */
export function appItemOf(v: AppVersionView & { versionCount?: number }, o: { detail?: boolean } = {}): AppItem {
  const s = v.spec;
  const base: AppItem = {
    id: v.seq,
    appName: v.appName,
    status: APP_READY,
    deployType: s?.deployType ?? 'chart',
    image: s?.image ?? '',
    projectName: v.projectName,
    repositoryId: s?.repositoryId ?? '',
    version: v.version,
    replicas: s?.replicas ?? 0,
    port: s?.port ?? [],
    command: s?.command ?? '',
    volume: s?.volume ?? [],
    dependence: v.dependence,
    env: s?.env ?? [],
    minReplicas: s?.minReplicas ?? 0,
    maxReplicas: s?.maxReplicas ?? 0,
    minCPU: coresOf(s?.minCPU ?? 0),
    maxCPU: coresOf(s?.maxCPU ?? 0),
    GPU: s?.GPU ?? 0,
    isHPA: s?.isHPA ?? false,
    targetCPUUtilization: s?.targetCPUUtilization ?? 0,
    targetMemUtilization: s?.targetMemUtilization ?? 0,
    minMemory: s?.minMemory ?? 0,
    maxMemory: s?.maxMemory ?? 0,
    maxUnavailable: s?.maxUnavailable ?? 0,
    maxSurge: s?.maxSurge ?? 0,
    minReadySeconds: s?.minReadySeconds ?? 0,
    createTime: unixSeconds(v.createdAt),
    updateTime: unixSeconds(v.updatedAt),
  };
  if (v.versionCount !== undefined) base.versions = v.versionCount;
  if (v.chart) {
    const { values, templates, ...meta } = v.chart;
    base.chart = meta;
    if (o.detail) {
      base.values = values;
      base.templates = templates;
    }
  }
  return base;
}
