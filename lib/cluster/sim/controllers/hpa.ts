import { findKind, PODS, type KindInfo } from '../kinds';
import { isPlainObject, k8sTime, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { K8sError } from '../status';
import { updateScale } from '../store';
import { keyOf, splitKey, type ObservedChange } from './cache';
import { asMilli, milliCores, podCpuRequest, proposedReplicas, selectorMatches, simulatedLoad } from './hpa-metrics';
import { conditionsOf, intOr, isActivePod, isPodReady, specOf, statusOf, withCondition, type Condition } from './pods';
import type { Controller, ControllerContext, Requeue } from './types';

export const HPAS = findKind('autoscaling', 'v2', 'horizontalpodautoscalers')!;

/** The kube-controller-manager's --horizontal-pod-autoscaler-sync-period. */
export const SYNC_MS = 15_000;
/** Default scale-down stabilization window (behavior.scaleDown.stabilizationWindowSeconds). */
const DOWN_WINDOW_MS = 300_000;

const SOURCE = { component: 'horizontal-pod-autoscaler' };

const SCALABLE: Record<string, KindInfo> = {
  Deployment: findKind('apps', 'v1', 'deployments')!,
  StatefulSet: findKind('apps', 'v1', 'statefulsets')!,
  ReplicaSet: findKind('apps', 'v1', 'replicasets')!,
};

interface Target {
  kind: KindInfo;
  name: string;
}

function targetOf(hpa: K8sObject): Target | undefined {
  const ref = specOf(hpa).scaleTargetRef;
  if (!isPlainObject(ref) || typeof ref.name !== 'string') return undefined;
  const kind = SCALABLE[String(ref.kind)];
  return kind ? { kind, name: ref.name } : undefined;
}

/** The CPU metric spec: a utilization percentage or an average value in millicores. */
function cpuTarget(hpa: K8sObject): { utilization?: number; averageMilli?: number } | undefined {
  const metrics = specOf(hpa).metrics;
  for (const mt of Array.isArray(metrics) ? metrics : []) {
    if (!isPlainObject(mt) || mt.type !== 'Resource' || !isPlainObject(mt.resource) || mt.resource.name !== 'cpu') continue;
    const t = isPlainObject(mt.resource.target) ? mt.resource.target : {};
    if (t.type === 'Utilization' && typeof t.averageUtilization === 'number') return { utilization: t.averageUtilization };
    if (t.type === 'AverageValue') return { averageMilli: milliCores(t.averageValue) };
  }
  return undefined;
}

/** Recent recommendations per HPA (what the real controller keeps in memory for stabilization). */
const recommendations = new Map<string, Array<{ at: number; replicas: number }>>();

function windowMs(hpa: K8sObject, dir: 'scaleUp' | 'scaleDown'): number {
  const b = isPlainObject(specOf(hpa).behavior) ? (specOf(hpa).behavior as Record<string, unknown>)[dir] : undefined;
  const w = isPlainObject(b) ? b.stabilizationWindowSeconds : undefined;
  return typeof w === 'number' ? w * 1000 : dir === 'scaleDown' ? DOWN_WINDOW_MS : 0;
}

/**
 * The stabilized recommendation: scaling down goes only as low as the
 * highest recommendation within the scale-down window; scaling up only as
 * high as the lowest within the scale-up window (0 s by default).
 */
function stabilize(id: string, hpa: K8sObject, now: number, current: number, proposal: number): number {
  const keep = Math.max(windowMs(hpa, 'scaleDown'), windowMs(hpa, 'scaleUp'));
  const recs = (recommendations.get(id) ?? []).filter((r) => r.at > now - keep);
  recs.push({ at: now, replicas: proposal });
  recommendations.set(id, recs);
  const within = (w: number) => recs.filter((r) => r.at > now - w || r.at === now).map((r) => r.replicas);
  const upMin = Math.min(...within(windowMs(hpa, 'scaleUp')));
  const downMax = Math.max(...within(windowMs(hpa, 'scaleDown')));
  if (proposal > current) return Math.max(current, Math.min(proposal, upMin));
  if (proposal < current) return Math.min(current, Math.max(proposal, downMax));
  return current;
}

interface Measured {
  replicas: number;
  utilization?: number;
  averageMilli: number;
  reason: string;
}

/** Reads the simulated metrics and proposes a replica count, or throws a message for ScalingActive=False. */
function measure(c: ControllerContext, hpa: K8sObject, workload: K8sObject, current: number): Measured {
  const target = cpuTarget(hpa);
  if (!target) throw new MetricError('InvalidMetricSourceType', 'the HPA was unable to compute the replica count: only the cpu Resource metric is simulated');
  const selector = isPlainObject(specOf(workload).selector) ? specOf(workload).selector : {};
  const pods = c.cache.list(PODS, metaOf(workload).namespace).filter((p) => isActivePod(p) && selectorMatches(selector, metaOf(p).labels ?? {}));
  const ready = pods.filter(isPodReady);
  if (!ready.length) throw new MetricError('FailedGetResourceMetric', 'the HPA was unable to compute the replica count: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)');
  const perPod = simulatedLoad(workload) / ready.length;
  if (target.averageMilli !== undefined) {
    const ratio = perPod / target.averageMilli;
    return { replicas: proposedReplicas(ready.length, current, ratio), averageMilli: perPod, reason: 'cpu resource' };
  }
  let requests = 0;
  for (const p of ready) {
    const r = podCpuRequest(p);
    if (!Number.isFinite(r) || r <= 0) {
      throw new MetricError('FailedGetResourceMetric', `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in pod ${metaOf(p).namespace}/${metaOf(p).name}`);
    }
    requests += r;
  }
  const used = perPod * ready.length;
  const utilization = Math.floor((used * 100) / requests);
  const ratio = (used * 100) / requests / target.utilization!;
  return { replicas: proposedReplicas(ready.length, current, ratio), utilization, averageMilli: perPod, reason: 'cpu resource utilization (percentage of request)' };
}

class MetricError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

async function syncHpa(c: ControllerContext, hpa: K8sObject): Promise<void> {
  const m = metaOf(hpa);
  const namespace = m.namespace!;
  const spec = specOf(hpa);
  const old = statusOf(hpa);
  const nowMs = c.clock.now().getTime();
  const now = k8sTime(c.clock.now());
  let conditions: Condition[] = conditionsOf(hpa);
  const set = (cond: Condition) => {
    conditions = withCondition(conditions, cond, now);
  };
  const status: Record<string, unknown> = { observedGeneration: m.generation ?? 1 };
  if (typeof old.lastScaleTime === 'string') status.lastScaleTime = old.lastScaleTime;
  const target = targetOf(hpa);
  const workload = target ? c.cache.get(target.kind, namespace, target.name) : undefined;
  if (!target || !workload) {
    const ref = isPlainObject(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
    const what = target ? `${target.kind.plural}.${target.kind.group} "${target.name}" not found` : `no scale subresource for kind ${String(ref.kind)}`;
    const message = `the HPA controller was unable to get the target's current scale: ${what}`;
    set({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message });
    await c.write.event(hpa, 'Warning', 'FailedGetScale', what, SOURCE);
    Object.assign(status, { currentReplicas: intOr(old.currentReplicas, 0), desiredReplicas: intOr(old.desiredReplicas, 0) });
  } else {
    const current = intOr(specOf(workload).replicas, 1);
    const minReplicas = intOr(spec.minReplicas, 1);
    const maxReplicas = intOr(spec.maxReplicas, 1);
    status.currentReplicas = intOr(statusOf(workload).replicas, 0);
    let desired = current;
    if (current === 0 && minReplicas !== 0) {
      set({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    } else {
      let measured: Measured | undefined;
      try {
        measured = measure(c, hpa, workload, current);
      } catch (err) {
        if (!(err instanceof MetricError)) throw err;
        set({ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale' });
        set({ type: 'ScalingActive', status: 'False', reason: err.reason, message: err.message });
        await c.write.event(hpa, 'Warning', err.reason, err.message.replace('the HPA was unable to compute the replica count: ', ''), SOURCE);
      }
      if (measured) {
        status.currentMetrics = [{
          type: 'Resource',
          resource: { name: 'cpu', current: { ...(measured.utilization !== undefined ? { averageUtilization: measured.utilization } : {}), averageValue: asMilli(measured.averageMilli) } },
        }];
        set({ type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${measured.reason}` });
        const stabilized = stabilize(`${c.sim.clusterId}/${keyOf(hpa)}`, hpa, nowMs, current, measured.replicas);
        // The default scale-up policy: at most double, or four more pods, per period.
        const upLimit = Math.max(current * 2, current + 4);
        desired = Math.min(stabilized, upLimit);
        if (desired > maxReplicas) {
          desired = maxReplicas;
          set({ type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
        } else if (desired < minReplicas) {
          desired = minReplicas;
          set({ type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' });
        } else if (stabilized > upLimit) {
          set({ type: 'ScalingLimited', status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
        } else {
          set({ type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
        }
        if (desired !== current) {
          try {
            await updateScale(c.sim, target.kind, namespace, target.name, { spec: { replicas: desired } });
          } catch (err) {
            if (!(err instanceof K8sError)) throw err;
            set({ type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${err.message}` });
            await c.write.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${measured.reason} above target; error: ${err.message}`, SOURCE);
            desired = current;
          }
          if (desired !== current) {
            const why = desired > current ? `${measured.reason} above target` : 'All metrics below target';
            await c.write.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${why}`, SOURCE);
            set({ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` });
            status.lastScaleTime = now;
          }
        } else if (stabilized !== measured.replicas && measured.replicas < current) {
          set({ type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
        } else {
          set({ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' });
        }
      }
    }
    status.desiredReplicas = desired;
  }
  // Conditions in the order the real controller lists them.
  const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];
  status.conditions = [...conditions].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  const next = { currentMetrics: null, lastScaleTime: null, ...status };
  if (!jsonEqual(status, old)) await c.write.patch(HPAS, namespace, m.name!, { status: next }, 'status');
}

export const hpaController: Controller = {
  name: 'horizontal-pod-autoscaler',

  keysFor(ch: ObservedChange): string[] {
    // Only a new or changed spec is looked at at once; metrics are read every SYNC_MS (the HPA's own status
    // writes and the target's changes wait for the next period, so one period never scales twice).
    if (ch.kind === HPAS && (!ch.old || ch.type === 'DELETED' || !jsonEqual(ch.old.spec, ch.object.spec))) return [keyOf(ch.object)];
    return [];
  },

  resyncKeys: (cache) => cache.list(HPAS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const hpa = c.cache.get(HPAS, namespace, name);
    if (!hpa) {
      recommendations.delete(`${c.sim.clusterId}/${key}`);
      return;
    }
    await syncHpa(c, hpa);
    return { afterMs: SYNC_MS };
  },
};

