import { eq } from 'drizzle-orm';
import { clusters, departments } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { mutate, recordAudit } from '@/lib/audit/record';
import type { Ctx } from '@/lib/context';
import { Conflict, Invalid } from '@/lib/errors';
import type { ClusterRegisterParsed, ClusterView } from '@/lib/dialects/pier/clusters';
import { parseKubeconfig } from '@/lib/cluster/adapter/kubeconfig';
import { seal } from '@/lib/secrets/seal';
import { assertManages, viewOf } from './scope';

/** What an audit record says about a cluster: never its credentials. */
export function auditView(row: { name: string; type: string; driver: string; server: string; departmentId: string | null; labels: Record<string, string> }) {
  return { name: row.name, type: row.type, driver: row.driver, server: row.server, departmentId: row.departmentId, labels: row.labels };
}

/**
 * Registers a real cluster by its kubeconfig. The kubeconfig is checked
 * first (a broken one is refused on the field `kubeconfig` with the reason,
 * and nothing is stored); only its current context is kept, sealed.
 */
export async function registerCluster(ctx: Ctx, input: ClusterRegisterParsed): Promise<ClusterView> {
  assertManages(ctx.user, input.departmentId);
  const parsed = parseKubeconfig(input.kubeconfig);
  return mutate(ctx, async (tx) => {
    let departmentName: string | null = null;
    if (input.departmentId) {
      const [d] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, input.departmentId));
      if (!d) throw new Invalid({ departmentId: 'no such department' });
      departmentName = d.name;
    }
    const [dup] = await tx.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, input.name));
    if (dup) throw new Invalid({ name: `a cluster named "${input.name}" already exists` }, `cluster "${input.name}" already exists`);
    const id = newId();
    const [row] = await tx
      .insert(clusters)
      .values({
        id, name: input.name, type: input.type, driver: 'kubeconfig', server: parsed.server, departmentId: input.departmentId,
        labels: input.labels, kubeconfigEncrypted: seal(JSON.stringify(parsed.doc), id), createdAt: ctx.clock.now(),
      })
      .returning();
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'cluster', resourceId: id, resourceName: row.name, departmentId: row.departmentId, after: auditView(row),
    });
    return viewOf(ctx.user, row, departmentName);
  }).catch((err) => {
    // Two registrations of one name at once: the unique index decides.
    if ((err as { code?: string }).code === '23505') throw new Conflict(`cluster "${input.name}" already exists`);
    throw err;
  });
}
