import type { Ctx } from '@/lib/context';
import type { NodeStatus } from '@/lib/dialects/ecns/cluster';
import { BUSINESS_TYPES, } from '@/lib/dialects/ecns/namespaces';
import { NODE_ROLES } from '@/lib/dialects/ecns/cluster';
import { clusterFor } from '@/lib/cluster/namespaces/current';
import { kubeFor, NODE, type K8sObject } from '@/lib/cluster/namespaces/kube';

type BusinessType = (typeof BUSINESS_TYPES)[number];
type NodeRole = (typeof NODE_ROLES)[number];

/** The node-role label ECNS node roles map to: node-role.kubernetes.io/<role>. */
export const nodeRoleLabel = (role: NodeRole) => `node-role.kubernetes.io/${role}`;
const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

function labelsOf(n: K8sObject): Record<string, string> {
  return n.metadata?.labels ?? {};
}

/**
 * btype on nodes: Controller is the control plane (control-plane or master
 * role), User every other node; SecurityContainer and HybridOrchestration
 * are user nodes with the secure-container / hybrid-orchestration role,
 * Normal the user nodes with neither.
 */
export function nodeMatches(n: K8sObject, btype: BusinessType | undefined): boolean {
  const labels = labelsOf(n);
  const controller = CONTROL_PLANE_LABELS.some((l) => l in labels);
  const secure = nodeRoleLabel('secure-container') in labels;
  const hybrid = nodeRoleLabel('hybrid-orchestration') in labels;
  switch (btype) {
    case undefined: return true;
    case 'Controller': return controller;
    case 'User': return !controller;
    case 'SecurityContainer': return !controller && secure;
    case 'HybridOrchestration': return !controller && hybrid;
    case 'Normal': return !controller && !secure && !hybrid;
  }
}

/** A Node as ECNS's node_status: phase from the Ready condition. */
export function nodeStatusOf(n: K8sObject): NodeStatus {
  const status = (n.status ?? {}) as {
    addresses?: Array<{ address?: string; type?: string }>;
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
    conditions?: Array<{ type?: string; status?: string }>;
  };
  const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return {
    name: n.metadata?.name ?? '',
    addresses: (status.addresses ?? []).map((a) => ({ address: a.address, type: a.type })),
    allocatable: status.allocatable ?? {},
    capacity: status.capacity ?? {},
    phase: ready ? 'Ready' : 'NotReady',
  };
}

/**
 * GET /cluster/nodes/: the nodes of the cluster at `apiserver_host`, else of
 * the caller's current cluster. Every user of a cluster may see its nodes
 * (workload forms choose nodes from them), as in the simulated cluster's API.
 */
export async function clusterNodes(ctx: Ctx, o: { apiserverHost?: string; btype?: BusinessType }): Promise<{ nodes_status: NodeStatus[] }> {
  const cluster = await clusterFor(ctx, { addr: o.apiserverHost });
  const nodes = await (await kubeFor(ctx, cluster)).list(NODE);
  return { nodes_status: nodes.filter((n) => nodeMatches(n, o.btype)).map(nodeStatusOf) };
}

/**
 * GET /cluster/nodesrole/: the nodes that have the role. The seed shows no
 * response; Pier answers the same node_status list as /cluster/nodes/.
 */
export async function nodesWithRole(ctx: Ctx, o: { apiserverHost?: string; role: NodeRole }): Promise<{ nodes_status: NodeStatus[] }> {
  const cluster = await clusterFor(ctx, { addr: o.apiserverHost });
  const nodes = await (await kubeFor(ctx, cluster)).list(NODE, { labelSelector: nodeRoleLabel(o.role) });
  return { nodes_status: nodes.map(nodeStatusOf) };
}
