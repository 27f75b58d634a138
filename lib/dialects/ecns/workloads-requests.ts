import { z } from 'zod';
import {
  accessMode, container, labels, workloadName, network, scaleStrategy, schedulerStrategy, updateStrategy, WORKLOAD_TYPES, workloadRef,
} from './workloads';

/** Query strings and action bodies of ECNS 1.21 (负载). Client-safe, like ./workloads. */

const workloadType = z.enum(WORKLOAD_TYPES, { error: 'one of Deployment, StatefulSet, DaemonSet' });
const intParam = (min: number, max: number, label: string) => z.string().regex(/^[0-9]+$/, `a whole number`).transform(Number)
  .pipe(z.number().min(min, `${label}: at least ${min}`).max(max, `${label}: at most ${max}`));

export const WORKLOAD_PAGE_SIZE_MAX = 500;
export const listQuery = z.strictObject({
  page: intParam(1, 1_000_000, 'page').default(1),
  page_size: intParam(1, WORKLOAD_PAGE_SIZE_MAX, 'page_size').default(20),
  workload_type: workloadType.optional(),
});

/** ?workload_type= on every call about one workload. */
export const oneQuery = z.strictObject({ workload_type: workloadType });

export const LIFECYCLE_ACTIONS = ['start', 'stop', 'recreate'] as const;
export const batchActionQuery = z.strictObject({ action: z.enum([...LIFECYCLE_ACTIONS, 'attach', 'detach'], { error: 'one of start, stop, recreate, attach, detach' }) });
export const oneActionQuery = z.strictObject({ action: z.enum(LIFECYCLE_ACTIONS, { error: 'one of start, stop, recreate' }), workload_type: workloadType });

const refs = z.array(workloadRef).min(1, 'at least one workload').max(200, 'at most 200 workloads');
export const workloadsBase = z.strictObject({ workloads_base: refs });
export const attachBody = z.strictObject({
  application_name: z.string().min(1, 'required').max(63, 'at most 63 characters').regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a lowercase DNS label'),
  workloads_base: refs,
});
export const deleteBody = z.strictObject({
  workloads_base: refs,
  delete_policy: z.enum(['Foreground', 'Background', 'Orphan'], { error: 'one of Foreground, Background, Orphan' }).optional(),
  force_delete: z.boolean().optional(),
  delete_service: z.boolean().optional(),
});

export const PATCH_ACTIONS = ['scale', 'access_modes', 'containers', 'update_strategy', 'rollback', 'scale_strategy', 'scheduler_strategy', 'network', 'labels'] as const;
export type PatchActionName = (typeof PATCH_ACTIONS)[number];
export const patchQuery = z.strictObject({
  action: z.enum(PATCH_ACTIONS, { error: `one of ${PATCH_ACTIONS.join(', ')}` }),
  workload_type: workloadType,
});

/** The body each PATCH action takes. */
export const PATCH_BODIES = {
  scale: z.strictObject({ replicas: z.number({ error: 'required: a whole number' }).int('a whole number').min(0, 'at least 0').max(10000, 'at most 10000') }),
  access_modes: z.strictObject({ access_modes: z.array(accessMode).max(20, 'at most 20 access modes') }),
  containers: z.strictObject({ containers: z.array(container).min(1, 'at least one container').max(50, 'at most 50 containers') }),
  update_strategy: z.strictObject({ update_strategy: updateStrategy }),
  rollback: z.strictObject({
    target_version: z.union([z.string(), z.number()], { error: 'required: a revision number' }).transform(String)
      .pipe(z.string().regex(/^[1-9][0-9]{0,9}$/, 'a revision number')).transform(Number),
  }),
  /** null turns autoscaling off (Pier's reading; the seed has no way to). */
  scale_strategy: z.strictObject({ scale_strategy: scaleStrategy.nullable() }),
  scheduler_strategy: z.strictObject({ scheduler_strategy: z.array(schedulerStrategy).max(20, 'at most 20') }),
  network: z.strictObject({ network }),
  labels: z.strictObject({ labels }),
} as const;

export const revisionsDeleteQuery = z.strictObject({
  workload_type: workloadType,
  history_version: intParam(1, 2_000_000_000, 'history_version').optional(),
});
export const revisionParam = intParam(1, 2_000_000_000, 'version');

/** The <workload_name> in a path, named `name` in errors. */
export const nameParam = z.strictObject({ name: workloadName });
