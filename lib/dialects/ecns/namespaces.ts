import { z } from 'zod';

/** Wire shapes of ECNS 1.12 (命名空间). Client-safe: forms import these too. */

export const NAMESPACE_PRODUCT_TYPES = ['eks', 'hybrid', 'security'] as const;

/** Cluster types a namespace's cluster may have (namespace_base.cluster_type). */
export const ECNS_CLUSTER_TYPES = ['EOS', 'EKS', 'EHOS'] as const;
/** What "list by cluster type" accepts: a cluster type, or every namespace of the current project / of every cluster. */
export const LIST_CLUSTER_TYPES = [...ECNS_CLUSTER_TYPES, 'PROJECT_ALL', 'CLOUD_ALL'] as const;
/** btype: a filter; absent means every type. */
export const BUSINESS_TYPES = ['SecurityContainer', 'HybridOrchestration', 'Normal', 'User', 'Controller'] as const;
/** What a namespace of a management (EOS) cluster may be created as. */
export const NAMESPACE_BUSINESS_TYPES = ['SecurityContainer', 'HybridOrchestration', 'Normal'] as const;
export const PSP_VALUES = ['Limited', 'Unlimited'] as const;
export const NAMESPACE_ROLES = ['Developer', 'Visitor'] as const;

const dnsLabel = z
  .string()
  .min(1, 'required')
  .max(63, 'at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'lowercase letters, digits and "-", starting and ending with a letter or digit');

const id = z.string().regex(/^[0-9a-f]{32}$/, 'not a valid id');

/** A quota item: a whole number, -1 meaning no limit. */
const quotaItem = z.number().int('a whole number').min(-1, 'at least -1 (-1 means no limit)').max(1_000_000_000, 'at most 1000000000');

export const QUOTA_KEYS = [
  'pods', 'cpu', 'memory', 'statefulsets', 'deployments', 'jobs', 'cronjobs', 'storage',
  'persistentvolumeclaims', 'configmaps', 'services', 'loadbalancers', 'secrets', 'ingress',
] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

export const quota = z.strictObject(Object.fromEntries(QUOTA_KEYS.map((k) => [k, quotaItem.optional()])) as Record<QuotaKey, z.ZodOptional<typeof quotaItem>>);
export type Quota = z.infer<typeof quota>;

export const nsUser = z.strictObject({
  id: z.string().min(1, 'required').max(64, 'at most 64 characters'),
  name: z.string().max(255, 'at most 255 characters').optional(),
  email: z.string().max(255, 'at most 255 characters').optional(),
});
export type NsUser = z.infer<typeof nsUser>;

export const namespaceBase = z.strictObject({
  name: dnsLabel,
  cluster_name: z.string().min(1, 'required').max(253, 'at most 253 characters'),
  cluster_type: z.enum(ECNS_CLUSTER_TYPES, { error: 'one of EOS, EKS, EHOS' }),
  business_type: z.enum(NAMESPACE_BUSINESS_TYPES, { error: 'one of SecurityContainer, HybridOrchestration, Normal' }).optional(),
  domain: z.string().min(1, 'required').max(255, 'at most 255 characters'),
  project: z.string().min(1, 'required').max(63, 'at most 63 characters'),
  project_id: id,
  role: z
    .array(z.enum(NAMESPACE_ROLES, { error: 'one of Developer, Visitor' }))
    .min(1, 'at least one of Developer, Visitor')
    .refine((r) => new Set(r).size === r.length, 'no role twice')
    .optional(),
  user_ids: z.array(nsUser).max(1000, 'at most 1000 users').optional(),
});
export type NamespaceBase = z.infer<typeof namespaceBase>;

export const psp = z.enum(PSP_VALUES, { error: 'one of Limited, Unlimited' });
export type Psp = z.infer<typeof psp>;

/** POST /namespace/ */
export const namespaceCreate = z.strictObject({
  namespace: z.strictObject({
    namespace_base: namespaceBase,
    psp: psp.optional(),
    quota: quota.optional(),
  }),
});
export type NamespaceCreate = z.infer<typeof namespaceCreate>;

/** One namespace named for deletion: the seed sends whole namespace_base objects; name and cluster say which. */
export const namespaceRef = namespaceBase.partial().required({ name: true, cluster_name: true });
export const namespacesDelete = z.strictObject({
  namespaces: z.array(namespaceRef).min(1, 'at least one namespace').max(100, 'at most 100 namespaces'),
});

export const pspPatch = z.strictObject({ psp });
export const userIdsPatch = z.strictObject({ user_ids: z.array(nsUser).max(1000, 'at most 1000 users') });
export const quotaPatch = z.strictObject({ quota });

/** Query of the PATCH endpoints: `cluster_type`, when given, must be the cluster's. */
export const clusterTypeQuery = z.strictObject({ cluster_type: z.enum(ECNS_CLUSTER_TYPES, { error: 'one of EOS, EKS, EHOS' }).optional() });
export const businessTypeQuery = z.strictObject({
  business_type: z.enum(BUSINESS_TYPES, { error: 'one of SecurityContainer, HybridOrchestration, Normal, User, Controller' }).optional(),
});

export const namespaceStatus = z.object({ status: z.string(), creation_time: z.string() });

/** A namespace as ECNS answers it. */
export const namespaceView = z.object({
  namespace_base: namespaceBase.extend({ user_ids: z.array(nsUser), role: z.array(z.enum(NAMESPACE_ROLES)) }),
  psp,
  quota: quota.optional(),
  namespace_status: namespaceStatus,
});
export type NamespaceView = z.infer<typeof namespaceView>;

export const quotaStatus = z.object({ hard: quota, used: quota });
export type QuotaStatus = z.infer<typeof quotaStatus>;

export const switchResponse = z.object({
  ecns_cluster_addr: z.string(),
  ecns_cluster_type: z.string(),
  ecns_project_id: z.string(),
  ecns_current_ns: z.array(z.string()),
  ecns_cluster_name: z.string(),
});
export type SwitchResponse = z.infer<typeof switchResponse>;

export const clusterSelector = z.object({
  cluster_name: z.string(),
  cluster_addr: z.string(),
  cluster_type: z.string(),
  namespaces: z.array(z.string()),
});
export const projectSelector = z.object({ project_name: z.string(), project_id: z.string(), clusters: z.array(clusterSelector) });
export type ProjectSelector = z.infer<typeof projectSelector>;
