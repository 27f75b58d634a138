import { mergePatch } from '@/lib/cluster/adapter';
import type { WorkloadRef } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import { auditWorkloads } from './audit';
import type { WorkloadObject } from './bundle';
import { WORKLOAD_REF } from './kinds';
import { RESTARTED_AT_ANNOTATION, STOPPED_REPLICAS_ANNOTATION } from './labels';
import { requireWorkload } from './read';
import { workloadScope, type WorkloadScope } from './scope';

export type LifecycleAction = 'start' | 'stop' | 'recreate';

/** A DaemonSet cannot be scaled: stopping it gives its pods a node selector no node has. */
export const STOPPED_NODE_LABEL = 'pier.io/stopped';

/**
 * The patch for one action, or null when there is nothing to do (stopping a
 * stopped workload, starting a running one): stop keeps the replica count in
 * an annotation and scales to 0; start restores it; recreate stamps the pod
 * template so every pod is replaced (as `kubectl rollout restart` does).
 */
export function lifecyclePatch(o: WorkloadObject, action: LifecycleAction, now: Date): object | null {
  const annotations = o.metadata?.annotations ?? {};
  const stopped = annotations[STOPPED_REPLICAS_ANNOTATION] !== undefined;
  if (action === 'recreate') return { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: now.toISOString() } } } } };
  if (o.kind === 'DaemonSet') {
    const selector = o.spec?.template.spec?.nodeSelector ?? {};
    const isStopped = selector[STOPPED_NODE_LABEL] !== undefined;
    if (action === 'stop') return isStopped ? null : { spec: { template: { spec: { nodeSelector: { [STOPPED_NODE_LABEL]: 'true' } } } } };
    if (!isStopped) return null;
    const others = Object.keys(selector).filter((k) => k !== STOPPED_NODE_LABEL);
    return { spec: { template: { spec: { nodeSelector: others.length ? { [STOPPED_NODE_LABEL]: null } : null } } } };
  }
  const replicas = (o.spec as { replicas?: number }).replicas ?? 1;
  if (action === 'stop') {
    if (stopped || replicas === 0) return null;
    return { metadata: { annotations: { [STOPPED_REPLICAS_ANNOTATION]: String(replicas) } }, spec: { replicas: 0 } };
  }
  if (!stopped) return null;
  const restore = Math.max(1, Number(annotations[STOPPED_REPLICAS_ANNOTATION]) || 1);
  return { metadata: { annotations: { [STOPPED_REPLICAS_ANNOTATION]: null } }, spec: { replicas: restore } };
}

async function apply(sc: WorkloadScope, refs: WorkloadRef[], action: LifecycleAction) {
  const objects: WorkloadObject[] = [];
  for (const w of refs) objects.push(await requireWorkload(sc, w.type, w.name));
  const audit = [];
  for (const o of objects) {
    const patch = lifecyclePatch(o, action, sc.ctx.clock.now());
    if (!patch) continue;
    await mergePatch(sc.c, WORKLOAD_REF[o.kind as WorkloadRef['type']], o.metadata!.name!, sc.namespace, patch);
    audit.push({ type: o.kind!, name: o.metadata!.name!, after: patch });
  }
  await auditWorkloads(sc, action, audit);
}

/** PUT /workloads/?action= (batch) and PUT /workloads/workload/<name>/?action= (one). Every workload must exist first (404, nothing changed). */
export async function workloadLifecycle(ctx: Ctx, refs: WorkloadRef[], action: LifecycleAction): Promise<void> {
  await apply(await workloadScope(ctx, 'write'), refs, action);
}
