import { requireApplications } from './application-store';
import type { RawScope } from './yaml-scope';

/** The application must exist in the namespace (its row; membership is the workloads' label). */
export async function requireApplication(sc: RawScope, name: string): Promise<void> {
  await requireApplications(sc.ctx.db, { clusterId: sc.cluster.id, namespace: sc.namespace! }, [name]);
}
