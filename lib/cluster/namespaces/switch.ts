import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { requireProject } from '@/lib/org/scope';
import type { SwitchResponse } from '@/lib/dialects/ecns/namespaces';
import { saveCurrentContext } from './current';
import { requireNamespace } from './scope';

/**
 * GET /namespace/<project_id>/cluster/<c>/ns/<n>/: makes this the caller's
 * current project, cluster and namespace (for this credential), which ECNS
 * calls that name no cluster then use.
 */
export async function switchNamespace(ctx: Ctx, projectId: string, clusterName: string, name: string): Promise<SwitchResponse> {
  await requireProject(ctx, projectId);
  const found = await requireNamespace(ctx, clusterName, name, 'use');
  if (found.project.id !== projectId) throw new NotFound('namespace', `namespace "${name}" of project ${projectId} not found in cluster "${clusterName}"`);
  await saveCurrentContext(ctx, { cluster: found.cluster, projectId, namespace: name });
  return {
    ecns_cluster_addr: found.cluster.server,
    ecns_cluster_type: found.cluster.type,
    ecns_project_id: projectId,
    ecns_current_ns: [name],
    ecns_cluster_name: found.cluster.name,
  };
}
