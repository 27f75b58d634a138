import { z } from 'zod';
import { BUSINESS_TYPES, ECNS_CLUSTER_TYPES } from './namespaces';

/** Wire shapes of ECNS 1.3 (集群) and 1.13 (其他). Client-safe. */

export const CLUSTER_PRODUCT_TYPES = ['eks', 'hybrid', 'security'] as const;
/** Kernel capabilities are served for eks only (the seed's product_type_list=[eks]). */
export const KERNEL_PRODUCT_TYPES = ['eks'] as const;

export const NODE_ROLES = ['hybrid-orchestration', 'secure-container'] as const;

const apiserverHost = z.string().min(1, 'required').max(2048, 'at most 2048 characters');
const btype = z.enum(BUSINESS_TYPES, { error: 'one of SecurityContainer, HybridOrchestration, Normal, User, Controller' });

/** GET /cluster/nodes/: the seed names the filter btype; business_type (as the namespace endpoints call it) is taken too. */
export const nodesQuery = z
  .strictObject({ apiserver_host: apiserverHost.optional(), btype: btype.optional(), business_type: btype.optional() })
  .refine((q) => !(q.btype && q.business_type && q.btype !== q.business_type), { message: 'give btype or business_type, not two different values', path: ['btype'] });

export const nodesRoleQuery = z.strictObject({
  apiserver_host: apiserverHost.optional(),
  node_role: z.enum(NODE_ROLES, { error: 'one of hybrid-orchestration, secure-container' }),
});

export const nodeAddress = z.object({ address: z.string().optional(), type: z.string().optional() });
export const nodeStatus = z.object({
  name: z.string(),
  addresses: z.array(nodeAddress).optional(),
  allocatable: z.record(z.string(), z.string()).optional(),
  capacity: z.record(z.string(), z.string()).optional(),
  phase: z.enum(['Ready', 'NotReady']).optional(),
});
export type NodeStatus = z.infer<typeof nodeStatus>;
export const nodesResponse = z.object({ nodes_status: z.array(nodeStatus) });

export const runtimeVersion = z.object({ container_runtime: z.string(), available: z.boolean() });
export const k8sVersion = z.object({ k8s_version: z.string(), runtime_version: z.array(runtimeVersion) });
export const k8sVersionsResponse = z.object({ versions: z.array(k8sVersion) });
export type K8sVersionsResponse = z.infer<typeof k8sVersionsResponse>;

export const capabilitiesResponse = z.object({ capabilities: z.array(z.string()) });

/** The seed's spelling of each resource type the uniqueness check takes. */
export const RESOURCE_TYPES = [
  'Application', 'HarborProject', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Cronjob', 'PVC',
  'Configmap', 'Secret', 'Service', 'Ingress', 'VirtualMachine', 'Namespace',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const resourcePath = z.object({
  type: z.enum(RESOURCE_TYPES, { error: `one of ${RESOURCE_TYPES.join(', ')}` }),
  name: z.string().min(1, 'required').max(253, 'at most 253 characters'),
});
export const resourceQuery = z.strictObject({
  cluster_type: z.enum(ECNS_CLUSTER_TYPES, { error: 'one of EOS, EKS, EHOS' }).optional(),
  cluster_name: z.string().min(1, 'required').max(253, 'at most 253 characters').optional(),
});
export const existenceResponse = z.object({ existence: z.boolean() });
