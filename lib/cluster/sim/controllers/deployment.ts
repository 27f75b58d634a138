import { findKind, PODS } from '../kinds';
import { isPlainObject, k8sTime, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { controllerOf, keyOf, splitKey, type ObservedChange } from './cache';
import { intOr, isActivePod, specOf, statusOf, withCondition, type Condition } from './pods';
import { REPLICASETS } from './replicaset';
import {
  maxScaleDown, newReplicasForRolling, podTemplateHash, surgeAndUnavailable, templatesEqualIgnoringHash,
} from './rollout';
import type { Controller, ControllerContext, Requeue } from './types';
import type { Writer } from './writer';

export const DEPLOYMENTS = findKind('apps', 'v1', 'deployments')!;

const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const SOURCE = { component: 'deployment-controller' };

const specReplicas = (rs: K8sObject) => intOr(specOf(rs).replicas, 1);
const statusNum = (rs: K8sObject, f: string) => intOr(statusOf(rs)[f], 0);
const revisionOf = (rs: K8sObject) => Number(metaOf(rs).annotations?.[REVISION] ?? 0) || 0;
const created = (o: K8sObject) => Date.parse(String(metaOf(o).creationTimestamp ?? 0));

function ownedSets(c: ControllerContext, d: K8sObject): K8sObject[] {
  const uid = metaOf(d).uid!;
  return c.cache.ownedBy(REPLICASETS, uid).filter((rs) => controllerOf(rs)?.uid === uid && !metaOf(rs).deletionTimestamp);
}

async function scaleSet(w: Writer, d: K8sObject, rs: K8sObject, to: number, maxSurge: number): Promise<K8sObject> {
  const from = specReplicas(rs);
  const want = specReplicas(d);
  const annotations = { [DESIRED]: String(want), [MAX]: String(want + maxSurge) };
  const sameAnn = Object.entries(annotations).every(([k, v]) => metaOf(rs).annotations?.[k] === v);
  if (from === to && sameAnn) return rs;
  const next = await w.patch(REPLICASETS, metaOf(rs).namespace, metaOf(rs).name!, { metadata: { annotations }, spec: { replicas: to } });
  if (from !== to) {
    await w.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${metaOf(rs).name} from ${from} to ${to}`, SOURCE);
  }
  return next ?? rs;
}

/**
 * The Deployment controller: finds the ReplicaSet whose template is the
 * Deployment's (or creates it, named <deployment>-<pod-template-hash>),
 * moves replicas from the old sets to it by the strategy (RollingUpdate
 * within maxSurge/maxUnavailable, or Recreate), keeps revision annotations
 * and revisionHistoryLimit, and writes status and conditions the way
 * `kubectl rollout status` reads them.
 */
export const deploymentController: Controller = {
  name: 'deployment-controller',

  keysFor(ch: ObservedChange): string[] {
    if (ch.kind === DEPLOYMENTS) return [keyOf(ch.object)];
    if (ch.kind === REPLICASETS) {
      const ref = controllerOf(ch.object);
      return ref?.kind === 'Deployment' ? [`${metaOf(ch.object).namespace}/${ref.name}`] : [];
    }
    return [];
  },

  resyncKeys: (cache) => cache.list(DEPLOYMENTS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const d = c.cache.get(DEPLOYMENTS, namespace, name);
    if (!d || metaOf(d).deletionTimestamp) return;
    const spec = specOf(d);
    const replicas = intOr(spec.replicas, 1);
    const strategy = isPlainObject(spec.strategy) ? spec.strategy : {};
    const recreate = strategy.type === 'Recreate';
    const { maxSurge, maxUnavailable } = recreate ? { maxSurge: 0, maxUnavailable: replicas } : surgeAndUnavailable(strategy, replicas);
    const sets = ownedSets(c, d);
    let newRS = sets
      .filter((rs) => templatesEqualIgnoringHash(specOf(rs).template, spec.template))
      .sort((a, b) => created(a) - created(b))[0];
    let olds = sets.filter((rs) => rs !== newRS).sort((a, b) => created(a) - created(b));
    const maxOld = Math.max(0, ...olds.map(revisionOf));
    let createdNew = false;

    await c.write.batch(async (w) => {
      if (!spec.paused) {
        // Recreate: every old pod gone before the new set gets any.
        if (recreate) {
          for (const rs of olds) if (specReplicas(rs) > 0) await scaleSet(w, d, rs, 0, maxSurge);
          olds = olds.map((rs) => c.cache.get(REPLICASETS, namespace, metaOf(rs).name!) ?? rs);
        }
        const oldPodsRunning = olds.some((rs) => c.cache.ownedBy(PODS, metaOf(rs).uid!).some(isActivePod));
        if (!newRS) {
          const hash = podTemplateHash(spec.template);
          const template = structuredClone(spec.template ?? {}) as { metadata?: { labels?: Record<string, string> } };
          template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
          const selector = isPlainObject(spec.selector) ? spec.selector : {};
          const totalSpec = olds.reduce((n, rs) => n + specReplicas(rs), 0);
          const initial = recreate ? (oldPodsRunning ? 0 : replicas) : newReplicasForRolling(replicas, maxSurge, totalSpec, 0);
          newRS = await w.create(REPLICASETS, namespace, {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: {
              name: `${name}-${hash}`,
              namespace,
              labels: { ...(template.metadata.labels ?? {}) },
              annotations: { [DESIRED]: String(replicas), [MAX]: String(replicas + maxSurge), [REVISION]: String(maxOld + 1) },
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: metaOf(d).uid!, controller: true, blockOwnerDeletion: true }],
            },
            spec: {
              replicas: initial,
              minReadySeconds: intOr(spec.minReadySeconds, 0),
              selector: { ...selector, matchLabels: { ...((selector.matchLabels as Record<string, string> | undefined) ?? {}), 'pod-template-hash': hash } },
              template,
            },
          });
          createdNew = true;
          if (initial > 0) await w.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${metaOf(newRS).name} from 0 to ${initial}`, SOURCE);
        } else {
          // An old template brought back (rollback) makes its set the newest revision again.
          const patch: Record<string, unknown> = {};
          if (revisionOf(newRS) <= maxOld) patch.metadata = { annotations: { [REVISION]: String(maxOld + 1) } };
          if (intOr(specOf(newRS).minReadySeconds, 0) !== intOr(spec.minReadySeconds, 0)) patch.spec = { minReadySeconds: intOr(spec.minReadySeconds, 0) };
          if (Object.keys(patch).length) newRS = (await w.patch(REPLICASETS, namespace, metaOf(newRS).name!, patch)) ?? newRS;
          if (recreate) {
            if (!oldPodsRunning) newRS = await scaleSet(w, d, newRS, replicas, maxSurge);
          } else {
            const total = [newRS, ...olds].reduce((n, rs) => n + specReplicas(rs), 0);
            const target = specReplicas(newRS) > replicas ? replicas : newReplicasForRolling(replicas, maxSurge, total, specReplicas(newRS));
            newRS = await scaleSet(w, d, newRS, target, maxSurge);
          }
        }
        if (!recreate && olds.some((rs) => specReplicas(rs) > 0)) olds = await scaleDownOld(w, d, newRS, olds, replicas, maxSurge, maxUnavailable);
      }
      const revision = String(Math.max(revisionOf(newRS), maxOld + (createdNew ? 1 : 0)));
      if (metaOf(d).annotations?.[REVISION] !== revision) {
        await w.patch(DEPLOYMENTS, namespace, name, { metadata: { annotations: { [REVISION]: revision } } });
      }
    });

    const all = [newRS!, ...olds].map((rs) => c.cache.get(REPLICASETS, namespace, metaOf(rs).name!) ?? rs);
    const cur = c.cache.get(DEPLOYMENTS, namespace, name) ?? d;
    const requeue = await syncStatus(c, cur, all[0], all, replicas, maxUnavailable, createdNew);
    await cleanup(c, cur, all.slice(1));
    return requeue;
  },
};

/** RollingUpdate's reconcileOldReplicaSets: first old pods that are not available, then available ones down to minAvailable. */
async function scaleDownOld(
  w: Writer, d: K8sObject, newRS: K8sObject, olds: K8sObject[], replicas: number, maxSurge: number, maxUnavailable: number,
): Promise<K8sObject[]> {
  const all = [newRS, ...olds];
  const total = all.reduce((n, rs) => n + specReplicas(rs), 0);
  let budget = maxScaleDown(replicas, maxUnavailable, total, specReplicas(newRS), statusNum(newRS, 'availableReplicas'));
  const out = [...olds];
  if (budget <= 0) return out;
  // Unhealthy old pods first: they serve nobody.
  for (let i = 0; i < out.length && budget > 0; i++) {
    const rs = out[i];
    const unhealthy = specReplicas(rs) - statusNum(rs, 'availableReplicas');
    if (unhealthy <= 0) continue;
    const n = Math.min(unhealthy, budget);
    out[i] = await scaleSet(w, d, rs, specReplicas(rs) - n, maxSurge);
    budget -= n;
  }
  const minAvailable = replicas - maxUnavailable;
  const available = [newRS, ...out].reduce((n, rs) => n + statusNum(rs, 'availableReplicas'), 0);
  let down = Math.min(available - minAvailable, budget);
  for (let i = 0; i < out.length && down > 0; i++) {
    const rs = out[i];
    const n = Math.min(specReplicas(rs), down);
    if (n <= 0) continue;
    out[i] = await scaleSet(w, d, rs, specReplicas(rs) - n, maxSurge);
    down -= n;
  }
  return out;
}

async function syncStatus(
  c: ControllerContext, d: K8sObject, newRS: K8sObject, all: K8sObject[], replicas: number, maxUnavailable: number, createdNew: boolean,
): Promise<Requeue | void> {
  const m = metaOf(d);
  const now = c.clock.now();
  const t = k8sTime(now);
  const sum = (f: string) => all.reduce((n, rs) => n + statusNum(rs, f), 0);
  const counts = {
    replicas: sum('replicas'),
    updatedReplicas: statusNum(newRS, 'replicas'),
    readyReplicas: sum('readyReplicas'),
    availableReplicas: sum('availableReplicas'),
  };
  const unavailableReplicas = Math.max(0, replicas - counts.availableReplicas);
  const old = statusOf(d);
  const before = (Array.isArray(old.conditions) ? old.conditions : []) as (Condition & { lastUpdateTime?: string })[];
  // As the real SetDeploymentCondition: a condition that says what it said
  // before keeps its lastUpdateTime. Without this every resync wrote a new
  // time, and that write woke the Deployment again: once the controllers
  // took more than a second per round (thousands of Deployments), each one
  // rewrote its status every second, forever.
  const keepUpdate = (c2: Condition & { lastUpdateTime?: string }) => {
    const prev = before.find((x) => x.type === c2.type);
    return prev && prev.status === c2.status && prev.reason === c2.reason && prev.message === c2.message ? { ...c2, lastUpdateTime: prev.lastUpdateTime } : c2;
  };
  let conditions: Condition[] = before;
  const minAvailable = replicas - maxUnavailable;
  conditions = withCondition(conditions, keepUpdate(counts.availableReplicas >= minAvailable
    ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: t } as Condition
    : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastUpdateTime: t } as Condition), t);
  const deadline = intOr(specOf(d).progressDeadlineSeconds, 600);
  const rsName = metaOf(newRS).name;
  const complete = counts.updatedReplicas === replicas && counts.replicas === replicas && counts.availableReplicas === replicas;
  const prevProgress = conditions.find((x) => x.type === 'Progressing') as (Condition & { lastUpdateTime?: string }) | undefined;
  const progressed = counts.updatedReplicas > intOr(old.updatedReplicas, 0) || counts.readyReplicas > intOr(old.readyReplicas, 0)
    || counts.availableReplicas > intOr(old.availableReplicas, 0) || metaOf(d).generation !== old.observedGeneration;
  let requeue: Requeue | void = undefined;
  let progressing: Condition & { lastUpdateTime?: string } | undefined;
  if (complete) {
    progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.`, lastUpdateTime: t };
  } else if (createdNew) {
    progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"`, lastUpdateTime: t };
  } else if (progressed || !prevProgress) {
    progressing = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.`, lastUpdateTime: t };
  } else if (prevProgress.reason !== 'ProgressDeadlineExceeded') {
    const since = Date.parse(prevProgress.lastUpdateTime ?? prevProgress.lastTransitionTime ?? t);
    if (now.getTime() >= since + deadline * 1000) {
      progressing = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.`, lastUpdateTime: t };
      await c.write.event(d, 'Warning', 'ProgressDeadlineExceeded', `Deployment "${m.name}" has timed out progressing.`, SOURCE).catch(() => undefined);
    } else requeue = { at: new Date(since + deadline * 1000) };
  }
  if (progressing) {
    // Progress made is the one case the real controller moves lastUpdateTime on an unchanged condition.
    conditions = withCondition(conditions, progressed && !complete && !createdNew ? progressing : keepUpdate(progressing), t);
    if (!complete && progressing.status === 'True') requeue = { at: new Date(now.getTime() + deadline * 1000) };
  }
  const status = {
    observedGeneration: m.generation ?? 1,
    ...(counts.replicas ? { replicas: counts.replicas } : {}),
    ...(counts.updatedReplicas ? { updatedReplicas: counts.updatedReplicas } : {}),
    ...(counts.readyReplicas ? { readyReplicas: counts.readyReplicas } : {}),
    ...(counts.availableReplicas ? { availableReplicas: counts.availableReplicas } : {}),
    ...(unavailableReplicas ? { unavailableReplicas } : {}),
    conditions,
  };
  if (!jsonEqual(status, old)) {
    const cleared = { replicas: null, updatedReplicas: null, readyReplicas: null, availableReplicas: null, unavailableReplicas: null };
    await c.write.status(DEPLOYMENTS, m.namespace, m.name!, { ...cleared, ...status });
  }
  return requeue;
}

/** revisionHistoryLimit (default 10): old sets scaled to zero beyond it go, oldest revision first. */
async function cleanup(c: ControllerContext, d: K8sObject, olds: K8sObject[]): Promise<void> {
  const limit = intOr(specOf(d).revisionHistoryLimit, 10);
  const idle = olds.filter((rs) => specReplicas(rs) === 0 && statusNum(rs, 'replicas') === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    await c.write.delete(REPLICASETS, metaOf(rs).namespace, metaOf(rs).name!);
  }
}
