import { eq } from 'drizzle-orm';
import { imageWorkspaces } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { Invalid } from '@/lib/errors';
import type { ResourceType } from '@/lib/dialects/ecns/cluster';
import { clusterFor, currentContext } from '@/lib/cluster/namespaces/current';
import { kubeFor, NAMESPACE, NotImplemented, type KindRef } from '@/lib/cluster/namespaces/kube';
import { requireNamespace } from '@/lib/cluster/namespaces/scope';
import { findApplications } from '@/lib/workloads/application-store';

const ref = (apiVersion: string, kind: string, plural: string): KindRef => ({ apiVersion, kind, plural, namespaced: true });

/** The seed's resource types that are Kubernetes kinds in the current namespace. */
const NAMESPACED: Partial<Record<ResourceType, KindRef>> = {
  Deployment: ref('apps/v1', 'Deployment', 'deployments'),
  StatefulSet: ref('apps/v1', 'StatefulSet', 'statefulsets'),
  DaemonSet: ref('apps/v1', 'DaemonSet', 'daemonsets'),
  Job: ref('batch/v1', 'Job', 'jobs'),
  Cronjob: ref('batch/v1', 'CronJob', 'cronjobs'),
  PVC: ref('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  Configmap: ref('v1', 'ConfigMap', 'configmaps'),
  Secret: ref('v1', 'Secret', 'secrets'),
  Service: ref('v1', 'Service', 'services'),
  Ingress: ref('networking.k8s.io/v1', 'Ingress', 'ingresses'),
};

export interface ExistenceQuery {
  type: ResourceType;
  name: string;
  clusterType?: string;
  clusterName?: string;
}

/**
 * GET /resources/<type>/<name>/: is the name taken? Kubernetes kinds are
 * looked up in the current namespace of the named (else current) cluster;
 * Namespace in the cluster, whoever owns it (a name another tenant holds is
 * taken all the same); HarborProject among image workspaces, whose names are
 * unique in the whole registry. Application (Normal and Hybrid alike)
 * among the application rows of the current namespace, where its name is
 * unique; a workload labelled with a name that has no row does not take it
 * (creating that application adopts the workload). VirtualMachine has no
 * model in Pier: 501.
 */
export async function resourceExists(ctx: Ctx, q: ExistenceQuery): Promise<{ existence: boolean }> {
  if (q.type === 'HarborProject') {
    const [row] = await ctx.db.select({ id: imageWorkspaces.id }).from(imageWorkspaces).where(eq(imageWorkspaces.name, q.name)).limit(1);
    return { existence: !!row };
  }
  if (q.type === 'VirtualMachine') {
    throw new NotImplemented(`the uniqueness check for ${q.type} is not implemented`);
  }
  const cluster = await clusterFor(ctx, { name: q.clusterName });
  if (q.clusterType && q.clusterType !== cluster.type) throw new Invalid({ cluster_type: `cluster "${cluster.name}" is of type ${cluster.type}` });
  if (q.type === 'Namespace') {
    return { existence: !!(await (await kubeFor(ctx, cluster)).get(NAMESPACE, undefined, q.name)) };
  }
  const current = await currentContext(ctx);
  if (!current.namespace || current.cluster.id !== cluster.id) {
    throw new Invalid({ cluster_name: `no current namespace in cluster "${cluster.name}": switch namespace first` });
  }
  const ns = await requireNamespace(ctx, cluster.name, current.namespace, 'use');
  if (q.type === 'Application') {
    return { existence: (await findApplications(ctx.db, { clusterId: cluster.id, namespace: ns.name }, [q.name])).length > 0 };
  }
  return { existence: !!(await ns.kube.get(NAMESPACED[q.type]!, ns.name, q.name)) };
}
