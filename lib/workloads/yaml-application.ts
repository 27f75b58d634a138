import { listPage } from '@/lib/cluster/adapter';
import { WORKLOAD_TYPES } from '@/lib/dialects/ecns/workloads';
import { NotFound } from '@/lib/errors';
import { WORKLOAD_REF } from './kinds';
import { APPLICATION_LABEL } from './labels';
import type { RawScope } from './yaml-scope';

/** An application exists in the namespace when one of its workloads carries its label. */
export async function requireApplication(sc: RawScope, name: string): Promise<void> {
  for (const t of WORKLOAD_TYPES) {
    const page = await listPage(sc.c, WORKLOAD_REF[t], { namespace: sc.namespace, labelSelector: `${APPLICATION_LABEL}=${name}`, limit: 1 });
    if (page.items.length) return;
  }
  throw new NotFound('application', `application "${name}" not found in namespace "${sc.namespace}"`);
}
