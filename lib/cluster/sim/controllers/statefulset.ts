import { findKind, PODS } from '../kinds';
import { isPlainObject, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { K8sError } from '../status';
import { controllerOf, keyOf, splitKey, type ObservedChange } from './cache';
import { intOr, isPodAvailable, isPodReady, phaseOf, readySince, specOf, statusOf } from './pods';
import {
  CONTROLLER_REVISIONS, ensureRevision, REVISION_LABEL, revisionsOf, revisionTemplate, trimHistory, type Revision,
} from './statefulset-revisions';
import { podFromTemplate } from './template';
import type { Controller, ControllerContext, Requeue } from './types';

export const STATEFULSETS = findKind('apps', 'v1', 'statefulsets')!;
export const PVCS = findKind('', 'v1', 'persistentvolumeclaims')!;

const SOURCE = { component: 'statefulset-controller' };

/** `web-3` → 3 for a pod of StatefulSet `web`; -1 when the name is not one of its ordinals. */
export function ordinalOf(setName: string, podName: string): number {
  if (!podName.startsWith(`${setName}-`)) return -1;
  const tail = podName.slice(setName.length + 1);
  return /^(0|[1-9][0-9]*)$/.test(tail) ? Number(tail) : -1;
}

interface SetSpec {
  replicas: number;
  ordered: boolean;
  rolling: boolean;
  partition: number;
  minReady: number;
  serviceName: string;
  claims: Array<Record<string, unknown>>;
  selectorLabels: Record<string, string>;
  historyLimit: number;
}

function setSpec(sts: K8sObject): SetSpec {
  const spec = specOf(sts);
  const strategy = isPlainObject(spec.updateStrategy) ? spec.updateStrategy : {};
  const rolling = isPlainObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const selector = isPlainObject(spec.selector) && isPlainObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
  return {
    replicas: intOr(spec.replicas, 1),
    ordered: spec.podManagementPolicy !== 'Parallel',
    rolling: strategy.type !== 'OnDelete',
    partition: intOr(rolling.partition, 0),
    minReady: intOr(spec.minReadySeconds, 0),
    serviceName: typeof spec.serviceName === 'string' ? spec.serviceName : '',
    claims: Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates.filter(isPlainObject) : [],
    selectorLabels: selector as Record<string, string>,
    historyLimit: intOr(spec.revisionHistoryLimit, 10),
  };
}

const revisionOfPod = (p: K8sObject) => metaOf(p).labels?.[REVISION_LABEL] ?? '';
const isFailed = (p: K8sObject) => phaseOf(p) === 'Failed';
const isRunningAndReady = (p: K8sObject) => phaseOf(p) === 'Running' && isPodReady(p);

/** The claim name a template gives ordinal `i`: `<template>-<set>-<i>`. */
export const claimName = (template: string, set: string, i: number) => `${template}-${set}-${i}`;

/** A StatefulSet pod: stable name, hostname and subdomain, its claims mounted in place of the template's volumes. */
function statefulPod(sts: K8sObject, s: SetSpec, rev: Revision, i: number): K8sObject {
  const set = metaOf(sts).name!;
  const name = `${set}-${i}`;
  const pod = podFromTemplate(sts, revisionTemplate(rev), {
    name,
    labels: { [REVISION_LABEL]: rev.name, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) },
  });
  const spec = pod.spec as Record<string, unknown>;
  spec.hostname = name;
  if (s.serviceName) spec.subdomain = s.serviceName;
  if (s.claims.length) {
    const names = new Set(s.claims.map((t) => String(metaOf(t as K8sObject).name)));
    const kept = Array.isArray(spec.volumes) ? spec.volumes.filter((v) => !(isPlainObject(v) && names.has(String(v.name)))) : [];
    spec.volumes = [
      ...s.claims.map((t) => ({ name: metaOf(t as K8sObject).name, persistentVolumeClaim: { claimName: claimName(String(metaOf(t as K8sObject).name), set, i) } })),
      ...kept,
    ];
  }
  return pod;
}

/** Records a refused create (e.g. by quota admission) as a FailedCreate event, then fails the reconcile so it is retried. */
const failed = (c: ControllerContext, sts: K8sObject, what: string) => async (err: unknown): Promise<never> => {
  if (err instanceof K8sError) await c.write.event(sts, 'Warning', 'FailedCreate', `${what}: ${err.message}`, SOURCE);
  throw err;
};

/** Creates the pod's missing claims (the PVC controller binds and provisions them), then the pod. */
async function createPod(c: ControllerContext, sts: K8sObject, s: SetSpec, rev: Revision, i: number): Promise<void> {
  const m = metaOf(sts);
  const pod = statefulPod(sts, s, rev, i);
  const podName = metaOf(pod).name!;
  for (const t of s.claims) {
    const tm = metaOf(t as K8sObject);
    const name = claimName(String(tm.name), m.name!, i);
    if (c.cache.get(PVCS, m.namespace, name)) continue;
    await c.write.create(PVCS, m.namespace, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: m.namespace, labels: { ...(tm.labels ?? {}), ...s.selectorLabels }, ...(tm.annotations ? { annotations: tm.annotations } : {}) },
      spec: isPlainObject(t.spec) ? structuredClone(t.spec) : {},
    }).catch(failed(c, sts, `create Claim ${name} for Pod ${podName} in StatefulSet ${m.name} failed error`));
    await c.write.event(sts, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${m.name} success`, SOURCE);
  }
  await c.write.create(PODS, m.namespace, pod).catch(failed(c, sts, `create Pod ${podName} in StatefulSet ${m.name} failed error`));
  await c.write.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${m.name} successful`, SOURCE);
}

async function deletePod(c: ControllerContext, sts: K8sObject, pod: K8sObject): Promise<void> {
  const m = metaOf(sts);
  if (await c.write.delete(PODS, m.namespace, metaOf(pod).name!)) {
    await c.write.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${metaOf(pod).name} in StatefulSet ${m.name} successful`, SOURCE);
  }
}

/**
 * One pass of the real StatefulSet control loop: create missing ordinals
 * (in order, each waiting for the previous to be Running and Ready, unless
 * Parallel), replace failed pods, remove ordinals beyond replicas from the
 * highest, then roll pods that are not at the update revision from the
 * highest ordinal down to the partition, one at a time.
 */
async function sync(c: ControllerContext, sts: K8sObject, s: SetSpec, current: Revision, update: Revision): Promise<void> {
  const m = metaOf(sts);
  const owned = c.cache.ownedBy(PODS, m.uid!).filter((p) => controllerOf(p)?.uid === m.uid);
  const replicas: Array<K8sObject | undefined> = Array.from({ length: s.replicas }, () => undefined);
  const condemned: K8sObject[] = [];
  for (const p of owned) {
    const i = ordinalOf(m.name!, metaOf(p).name!);
    if (i < 0) continue;
    if (i < s.replicas) replicas[i] = p;
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(m.name!, metaOf(b).name!) - ordinalOf(m.name!, metaOf(a).name!));
  const now = c.clock.now().getTime();
  const healthy = (p: K8sObject) => isRunningAndReady(p) && isPodAvailable(p, s.minReady, now);
  // Pods below the partition stay at (and are recreated from) the current revision.
  const revisionFor = (i: number) => (s.rolling && i < s.partition ? current : update);

  for (let i = 0; i < s.replicas; i++) {
    const pod = replicas[i];
    if (pod && isFailed(pod)) {
      await deletePod(c, sts, pod);
      if (s.ordered) return;
      continue;
    }
    if (!pod) {
      await createPod(c, sts, s, revisionFor(i), i);
      if (s.ordered) return;
      continue;
    }
    if (s.ordered && !healthy(pod)) return;
  }
  for (const pod of condemned) {
    if (s.ordered && (replicas.some((p) => !p || !healthy(p)) || condemned.some((p) => p !== pod && !healthy(p) && ordinalOf(m.name!, metaOf(p).name!) > ordinalOf(m.name!, metaOf(pod).name!)))) return;
    await deletePod(c, sts, pod);
    if (s.ordered) return;
  }
  if (!s.rolling) return;
  for (let i = s.replicas - 1; i >= s.partition; i--) {
    const pod = replicas[i];
    if (!pod) return;
    if (revisionOfPod(pod) !== update.name) {
      await deletePod(c, sts, pod);
      return;
    }
    if (!healthy(pod)) return;
  }
}

export const statefulSetController: Controller = {
  name: 'statefulset-controller',

  keysFor(ch: ObservedChange): string[] {
    if (ch.kind === STATEFULSETS) return [keyOf(ch.object)];
    if (ch.kind === PODS || ch.kind === CONTROLLER_REVISIONS) {
      const keys = new Set<string>();
      for (const o of [ch.object, ch.old]) {
        const ref = o ? controllerOf(o) : undefined;
        if (ref?.kind === 'StatefulSet') keys.add(`${metaOf(o!).namespace}/${ref.name}`);
      }
      return [...keys];
    }
    return [];
  },

  resyncKeys: (cache) => cache.list(STATEFULSETS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const sts = c.cache.get(STATEFULSETS, namespace, name);
    if (!sts || metaOf(sts).deletionTimestamp) return;
    const s = setSpec(sts);
    let revisions = revisionsOf(c, sts);
    const update = await ensureRevision(c, sts, revisions, s.selectorLabels);
    revisions = revisionsOf(c, sts);
    const old = statusOf(sts);
    const current = revisions.find((r) => r.name === old.currentRevision) ?? update;

    await sync(c, sts, s, current, update);

    const pods = c.cache.ownedBy(PODS, metaOf(sts).uid!).filter((p) => controllerOf(p)?.uid === metaOf(sts).uid && ordinalOf(name, metaOf(p).name!) >= 0);
    const now = c.clock.now().getTime();
    const ready = pods.filter(isPodReady);
    const status: Record<string, unknown> = {
      observedGeneration: metaOf(sts).generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready.length,
      currentReplicas: pods.filter((p) => revisionOfPod(p) === current.name).length,
      updatedReplicas: pods.filter((p) => revisionOfPod(p) === update.name).length,
      availableReplicas: ready.filter((p) => isPodAvailable(p, s.minReady, now)).length,
      currentRevision: current.name,
      updateRevision: update.name,
      collisionCount: intOr(old.collisionCount, 0),
    };
    // A rolling update is complete once every pod is updated and ready: the update revision becomes current.
    if (s.rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas && pods.length === s.replicas) {
      status.currentRevision = update.name;
      status.currentReplicas = status.updatedReplicas;
    }
    // readyReplicas, currentReplicas and updatedReplicas are omitempty in the real API: zero is absent.
    const cleared: Record<string, null> = {};
    for (const f of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) {
      if (status[f] === 0) {
        delete status[f];
        cleared[f] = null;
      }
    }
    const next = { ...status, ...(Array.isArray(old.conditions) ? { conditions: old.conditions } : {}) };
    if (!jsonEqual(next, old)) await c.write.patch(STATEFULSETS, namespace, name, { status: { ...cleared, ...next } }, 'status');

    const live = new Set<string>([String(status.currentRevision), update.name, ...pods.map(revisionOfPod)]);
    await trimHistory(c, sts, revisionsOf(c, sts), live, s.historyLimit);

    // A ready pod becomes available after minReadySeconds: look again then.
    const waiting = ready.filter((p) => !isPodAvailable(p, s.minReady, now)).map((p) => (readySince(p) ?? now) + s.minReady * 1000);
    if (waiting.length) return { at: new Date(Math.min(...waiting)) };
  },
};
