import { mutate, recordAudit } from '@/lib/audit/record';
import type { WorkloadScope } from './scope';

/** One audit row per workload touched, in one transaction, after the cluster accepted the change. */
export async function auditWorkloads(sc: WorkloadScope, action: string, items: Array<{ type: string; name: string; before?: unknown; after?: unknown }>): Promise<void> {
  if (!items.length) return;
  await mutate(sc.ctx, async (tx) => {
    for (const it of items) {
      await recordAudit(sc.ctx, tx, {
        action, resourceType: 'workload', resourceId: `${sc.cluster.name}/${sc.namespace}/${it.type}/${it.name}`, resourceName: it.name,
        departmentId: sc.departmentId, projectId: sc.projectId, before: it.before, after: it.after,
      });
    }
  });
}
