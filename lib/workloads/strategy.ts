import type { HorizontalPodAutoscaler, MetricSpec } from 'kubernetes-types/autoscaling/v2';
import { UPDATE_TYPES, type ScaleStrategy, type UpdateStrategy, type UpdateType, type WorkloadType } from '@/lib/dialects/ecns/workloads';
import { WORKLOAD_LABEL } from './labels';

type IntOrString = number | string;
interface KStrategy {
  type?: string;
  rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString; partition?: number };
}

/** The spec fields an update strategy sets on each kind (`strategy` for Deployments, `updateStrategy` otherwise). */
export interface StrategyFields {
  strategy?: KStrategy;
  updateStrategy?: KStrategy;
  minReadySeconds?: number;
}

/** ECNS update strategy → Kubernetes. The ECNS type goes in an annotation too, because first_up, first_down and custom are all RollingUpdate. */
export function updateStrategyToKube(type: WorkloadType, u: UpdateStrategy | undefined): StrategyFields {
  if (!u) return {};
  const t = u.type ?? 'rolling_update';
  const out: StrategyFields = {};
  if (u.period !== undefined) out.minReadySeconds = u.period;
  const rolling: KStrategy['rollingUpdate'] = {};
  if (t === 'first_up') Object.assign(rolling, { maxSurge: u.batch_size ?? 1, maxUnavailable: 0 });
  if (t === 'first_down') Object.assign(rolling, { maxSurge: 0, maxUnavailable: u.batch_size ?? 1 });
  if (t === 'custom' || t === 'rolling_update') {
    if (u.max_surge !== undefined && type !== 'StatefulSet') rolling.maxSurge = u.max_surge;
    if (u.max_unavailable !== undefined) rolling.maxUnavailable = u.max_unavailable;
  }
  const k: KStrategy = t === 'recreate' ? { type: 'Recreate' } : t === 'on_delete' ? { type: 'OnDelete' } : { type: 'RollingUpdate' };
  if (k.type === 'RollingUpdate' && Object.keys(rolling).length) k.rollingUpdate = rolling;
  if (type === 'Deployment') out.strategy = k;
  else out.updateStrategy = k;
  return out;
}

/** The apiserver's defaults per kind: a value equal to one reads back as absent, so a defaulted object reads the same. */
const ROLLING_DEFAULTS: Record<WorkloadType, { maxSurge?: IntOrString; maxUnavailable?: IntOrString }> = {
  Deployment: { maxSurge: '25%', maxUnavailable: '25%' },
  StatefulSet: { maxUnavailable: 1 },
  DaemonSet: { maxSurge: 0, maxUnavailable: 1 },
};

const int = (v: IntOrString | undefined, dflt: IntOrString | undefined) => (typeof v === 'number' && v !== dflt ? v : undefined);

/** Kubernetes → ECNS update strategy; undefined when the object has Kubernetes' default strategy and Pier recorded none. */
export function updateStrategyFromKube(type: WorkloadType, spec: StrategyFields, recorded: string | undefined): UpdateStrategy | undefined {
  const k = (type === 'Deployment' ? spec.strategy : spec.updateStrategy) ?? {};
  const kType = k.type ?? (type === 'Deployment' ? 'RollingUpdate' : 'RollingUpdate');
  const known = UPDATE_TYPES.includes(recorded as UpdateType) ? (recorded as UpdateType) : undefined;
  const r = k.rollingUpdate ?? {};
  const d = ROLLING_DEFAULTS[type];
  let t: UpdateType;
  if (kType === 'Recreate') t = 'recreate';
  else if (kType === 'OnDelete') t = 'on_delete';
  else t = known && known !== 'recreate' && known !== 'on_delete' ? known : 'rolling_update';
  const u: UpdateStrategy = { type: t };
  if (t === 'first_up' && typeof r.maxSurge === 'number') u.batch_size = r.maxSurge;
  if (t === 'first_down' && typeof r.maxUnavailable === 'number') u.batch_size = r.maxUnavailable;
  if (t === 'custom' || t === 'rolling_update') {
    const surge = type === 'StatefulSet' ? undefined : int(r.maxSurge, d.maxSurge);
    const unavailable = int(r.maxUnavailable, d.maxUnavailable);
    if (surge !== undefined) u.max_surge = surge;
    if (unavailable !== undefined) u.max_unavailable = unavailable;
  }
  if (spec.minReadySeconds) u.period = spec.minReadySeconds;
  const explicit = known !== undefined || t !== 'rolling_update' || Object.keys(u).length > 1;
  return explicit ? u : undefined;
}

/** ECNS scale strategy → an autoscaling/v2 HPA named like the workload. */
export function scaleStrategyToKube(workload: string, type: WorkloadType, s: ScaleStrategy): HorizontalPodAutoscaler {
  const metrics: MetricSpec[] = [];
  for (const r of ['cpu', 'memory'] as const) {
    const v = s.resource?.[r];
    if (v !== undefined) metrics.push({ type: 'Resource', resource: { name: r, target: { type: 'Utilization', averageUtilization: v } } });
  }
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: workload, labels: { [WORKLOAD_LABEL]: workload } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: type, name: workload },
      ...(s.min_replicas !== undefined ? { minReplicas: s.min_replicas } : {}),
      maxReplicas: s.max_replicas!,
      metrics,
    },
  };
}

/** An HPA → the ECNS scale strategy (minReplicas 1, the default, reads as absent; metrics other than cpu/memory utilisation are left out). */
export function scaleStrategyFromKube(h: HorizontalPodAutoscaler): ScaleStrategy {
  const s: ScaleStrategy = { max_replicas: h.spec!.maxReplicas };
  if (h.spec?.minReplicas !== undefined && h.spec.minReplicas !== 1) s.min_replicas = h.spec.minReplicas;
  const resource: NonNullable<ScaleStrategy['resource']> = {};
  for (const m of h.spec?.metrics ?? []) {
    const name = m.resource?.name;
    const v = m.resource?.target.averageUtilization;
    if (m.type === 'Resource' && (name === 'cpu' || name === 'memory') && v !== undefined) resource[name] = v;
  }
  if (Object.keys(resource).length) s.resource = resource;
  return s;
}

/** The HPA that scales this workload, among the namespace's. */
export function hpaOf(type: WorkloadType, name: string, hpas: HorizontalPodAutoscaler[]): HorizontalPodAutoscaler | undefined {
  return hpas.find((h) => h.spec?.scaleTargetRef.kind === type && h.spec.scaleTargetRef.name === name);
}
