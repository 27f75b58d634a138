import { recordAudit } from '@/lib/audit/record';
import type { Db } from '@/db/client';
import type { WorkloadScope } from './scope';

/** One audit row for an application (resource `application`, id `<cluster>/<ns>/<name>`), inside the caller's transaction. */
export function auditApplication(sc: WorkloadScope, tx: Db, action: string, name: string, before?: unknown, after?: unknown): Promise<void> {
  return recordAudit(sc.ctx, tx, {
    action, resourceType: 'application', resourceId: `${sc.cluster.name}/${sc.namespace}/${name}`, resourceName: name,
    departmentId: sc.departmentId, projectId: sc.projectId, before, after,
  });
}
