import type { Ctx } from '@/lib/context';
import { kube } from '@/lib/cluster/adapter';
import { mutate, recordAudit } from '@/lib/audit/record';
import { Forbidden, NotFound } from '@/lib/errors';
import { podNamespace } from './scope';

/**
 * Deletes one pod; `force` deletes at once (grace period 0), as
 * `kubectl delete --force --grace-period=0`. The audit row follows the
 * cluster's answer in one transaction (the cluster is the record of the
 * change itself; a crash in between loses only the row).
 */
export async function deleteConsolePod(ctx: Ctx, clusterName: string, namespace: string, name: string, force: boolean): Promise<void> {
  const ns = await podNamespace(ctx, clusterName, namespace);
  if (ns.grant !== 'write') throw new Forbidden(`you may not delete pods in namespace "${ns.name}"`);
  await kube(async () => {
    const { path } = await ns.c.objects.pathOf('v1', 'Pod', ns.name, name);
    return ns.c.objects.send('DELETE', path, { body: { apiVersion: 'v1', kind: 'DeleteOptions', ...(force ? { gracePeriodSeconds: 0 } : {}) } });
  }).catch((err) => {
    throw err instanceof NotFound ? new NotFound('pod', `pod "${name}" not found in namespace "${ns.name}"`) : err;
  });
  await mutate(ctx, (tx) => recordAudit(ctx, tx, {
    action: force ? 'force-delete' : 'delete', resourceType: 'pod', resourceId: `${ns.cluster.name}/${ns.name}/${name}`, resourceName: name,
    departmentId: ns.project.departmentId, projectId: ns.project.id,
  }));
}
