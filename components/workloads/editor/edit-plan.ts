import type { Workload } from '@/lib/dialects/ecns/workloads';
import type { PatchActionName } from '@/lib/dialects/ecns/workloads-requests';
import { canonical } from './prune';

/** One PATCH /workloads/workload/<name>/?action=… call of an edit. */
export interface PlannedAction {
  action: Exclude<PatchActionName, 'rollback'>;
  body: Record<string, unknown>;
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * The PATCH actions that turn the live workload into the edited one, one per
 * changed aspect, in an order where each call is valid on its own: labels
 * and containers first, the Services and the HPA after, replicas last (so a
 * new HPA's minimum is in place before the count changes).
 */
export function editPlan(live: Workload, next: Workload): PlannedAction[] {
  const plan: PlannedAction[] = [];
  const add = (action: PlannedAction['action'], before: unknown, after: unknown, body: Record<string, unknown>) => {
    if (!same(before, after)) plan.push({ action, body });
  };
  add('labels', live.labels ?? {}, next.labels ?? {}, { labels: next.labels ?? {} });
  add('containers', live.containers, next.containers, { containers: next.containers });
  add('network', live.network ?? {}, next.network ?? {}, { network: next.network ?? {} });
  add('scheduler_strategy', live.scheduler_strategy ?? [], next.scheduler_strategy ?? [], { scheduler_strategy: next.scheduler_strategy ?? [] });
  add('update_strategy', live.update_strategy ?? {}, next.update_strategy ?? {}, { update_strategy: next.update_strategy ?? {} });
  add('access_modes', live.access_mode ?? [], next.access_mode ?? [], { access_modes: next.access_mode ?? [] });
  add('scale_strategy', live.scale_strategy, next.scale_strategy, { scale_strategy: next.scale_strategy ?? null });
  if (next.workload_base.type !== 'DaemonSet') add('scale', live.workload_base.replicas, next.workload_base.replicas, { replicas: next.workload_base.replicas });
  return plan;
}

/** Parts of a workload no PATCH action changes: the editor keeps them as they are when editing. */
export const FIXED_IN_EDIT = ['workload_base.name', 'workload_base.type', 'volumes', 'runtime_class_name', 'application_name'] as const;

/**
 * A workload as the detail endpoint answers it, without the output-only
 * fields (statuses, a NodePort's addresses), so it can go into the form
 * and be compared with what the form makes.
 */
export function editable(w: Workload & Record<string, unknown>): Workload {
  const { Pods_status: _p, workload_status: _s, ...rest } = w;
  void _p;
  void _s;
  return {
    ...rest,
    containers: rest.containers.map(({ container_statuses: _c, ...c }) => c),
    ...(rest.access_mode ? { access_mode: rest.access_mode.map(({ public_ips: _a, private_ips: _b, ...m }) => m) } : {}),
  } as Workload;
}
