import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { mutate, recordAudit } from '@/lib/audit/record';
import { NAMESPACE } from './kube';
import { requireNamespace } from './scope';

type Found = Awaited<ReturnType<typeof requireNamespace>>;

async function removeAll(ctx: Ctx, found: Found[]): Promise<void> {
  for (const ns of found) await ns.kube.remove(NAMESPACE, undefined, ns.name);
  await mutate(ctx, async (tx) => {
    for (const ns of found) {
      await recordAudit(ctx, tx, {
        action: 'delete', resourceType: 'namespace', resourceId: `${ns.cluster.name}/${ns.name}`, resourceName: ns.name,
        departmentId: ns.project.departmentId, projectId: ns.project.id, before: { cluster: ns.cluster.name, namespace: ns.name, project: ns.project.name },
      });
    }
  });
}

/** DELETE /namespace/cluster/<c>/ns/<n>/: the namespace and everything in it. */
export async function deleteNamespace(ctx: Ctx, clusterName: string, name: string): Promise<void> {
  await removeAll(ctx, [await requireNamespace(ctx, clusterName, name, 'manage')]);
}

/**
 * DELETE /namespace/ with a list: all or nothing as far as checking goes.
 * Every namespace is found and authorized before the first is deleted, so a
 * bad entry (named by its place in the list) deletes none.
 */
export async function deleteNamespaces(ctx: Ctx, refs: Array<{ name: string; cluster_name: string }>): Promise<void> {
  const found: Found[] = [];
  const seen = new Set<string>();
  for (const [i, ref] of refs.entries()) {
    const key = `${ref.cluster_name}/${ref.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      found.push(await requireNamespace(ctx, ref.cluster_name, ref.name, 'manage'));
    } catch (err) {
      if (err instanceof NotFound) throw new NotFound('namespace', `namespaces.${i}: ${err.message}`);
      throw err;
    }
  }
  await removeAll(ctx, found);
}
