import { mergePatch } from '@/lib/cluster/adapter';
import type { WorkloadRef } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import { Invalid } from '@/lib/errors';
import { auditWorkloads } from './audit';
import { WORKLOAD_REF } from './kinds';
import { APPLICATION_LABEL } from './labels';
import { requireWorkload } from './read';
import { workloadScope } from './scope';

/**
 * PUT /workloads/?action=attach|detach: application membership is the
 * workload's pier.io/application label. Detaching from an application the
 * workload is not in is a 400 naming it; every workload must exist first.
 */
export async function attachWorkloads(ctx: Ctx, action: 'attach' | 'detach', application: string, refs: WorkloadRef[]): Promise<void> {
  const sc = await workloadScope(ctx, 'write');
  const objects = [];
  for (const w of refs) objects.push(await requireWorkload(sc, w.type, w.name));
  objects.forEach((o, i) => {
    const current = o.metadata?.labels?.[APPLICATION_LABEL];
    if (action === 'detach' && current !== application) {
      throw new Invalid({ [`workloads_base.${i}.name`]: `${o.kind} "${o.metadata?.name}" is not in application "${application}"` });
    }
  });
  for (const o of objects) {
    await mergePatch(sc.c, WORKLOAD_REF[o.kind as WorkloadRef['type']], o.metadata!.name!, sc.namespace,
      { metadata: { labels: { [APPLICATION_LABEL]: action === 'attach' ? application : null } } });
  }
  await auditWorkloads(sc, action, objects.map((o) => ({ type: o.kind!, name: o.metadata!.name!, after: { application_name: application } })));
}
