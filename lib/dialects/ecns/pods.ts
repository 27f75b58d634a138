import { z } from 'zod';
import { WORKLOAD_TYPES } from './workloads';

/** Query strings and bodies of ECNS 1.16 (容器组) and 1.14 (概览 pods_status). Client-safe. */

export const POD_PRODUCT_TYPES = ['eks', 'hybrid', 'security'] as const;

const intParam = (min: number, max: number) => z.string().regex(/^[0-9]+$/, 'a whole number').transform(Number)
  .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`));
const dnsLabel = z.string().min(1, 'required').max(253, 'at most 253 characters').regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a lowercase DNS name');

/**
 * GET /pods/: the seed names no parameters; Pier's filters (the pod
 * dashboard's) are all optional: a workload (type and name together), a node,
 * a label selector (`k=v`, `k!=v`, `k`, `!k`, comma-separated), a status word
 * as the list shows it, a name fragment; paged.
 */
export const podListQuery = z.strictObject({
  page: intParam(1, 1_000_000).default(1),
  page_size: intParam(1, 500).default(100),
  workload_type: z.enum(WORKLOAD_TYPES, { error: 'one of Deployment, StatefulSet, DaemonSet' }).optional(),
  workload_name: dnsLabel.optional(),
  node_name: dnsLabel.optional(),
  label_selector: z.string().max(1024, 'at most 1024 characters')
    .regex(/^(!?[A-Za-z0-9./_-]+((!=|==|=)[A-Za-z0-9._-]*)?)(,\s*!?[A-Za-z0-9./_-]+((!=|==|=)[A-Za-z0-9._-]*)?)*$/, 'k=v, k!=v, k or !k, comma-separated').optional(),
  status: z.string().max(64, 'at most 64 characters').regex(/^[A-Za-z]+$/, 'a status word such as Running').optional(),
  name: z.string().max(253, 'at most 253 characters').optional(),
}).superRefine((q, ctx) => {
  if ((q.workload_type === undefined) !== (q.workload_name === undefined)) {
    ctx.addIssue({ code: 'custom', path: [q.workload_type ? 'workload_name' : 'workload_type'], message: 'workload_type and workload_name go together' });
  }
});
export type PodListQuery = z.infer<typeof podListQuery>;

export const podName = z.strictObject({ name: dnsLabel });

/** DELETE /pods/?force=: the pod in the body (its name; the rest of a pod read back is ignored). */
export const podDeleteQuery = z.strictObject({ force: z.enum(['true', 'false'], { error: 'true or false' }).optional() });
export const podDeleteBody = z.strictObject({ pod: z.looseObject({ name: dnsLabel }) });

export const podsOverviewQuery = z.strictObject({ apiserver_host: z.string().min(1, 'required').max(2048, 'at most 2048 characters').optional() });
