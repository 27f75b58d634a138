import type { ClusterRow } from '@/db/schema';
import { NAMESPACE_BUSINESS_TYPES, NAMESPACE_ROLES, type NamespaceView } from '@/lib/dialects/ecns/namespaces';
import type { K8sObject } from './kube';
import { BUSINESS_TYPE_LABEL, pspOfLabels } from './labels';
import { rolesOf, usersOf } from './grant';
import { limitsOf } from './quota';
import type { OwnedNamespace } from './scope';

type BusinessType = (typeof NAMESPACE_BUSINESS_TYPES)[number];
type Role = (typeof NAMESPACE_ROLES)[number];

/** ECNS business type of a namespace: its label, Normal when absent or unknown. */
export function businessTypeOf(o: K8sObject): BusinessType {
  const v = o.metadata?.labels?.[BUSINESS_TYPE_LABEL];
  return (NAMESPACE_BUSINESS_TYPES as readonly string[]).includes(v ?? '') ? (v as BusinessType) : 'Normal';
}

/** A namespace as ECNS shows it; `quota` from its ResourceQuota when there is one. */
export function namespaceView(cluster: ClusterRow, ns: OwnedNamespace, quotaObject?: K8sObject | null): NamespaceView {
  const meta = ns.object.metadata ?? {};
  const roles = rolesOf(meta).filter((r): r is Role => (NAMESPACE_ROLES as readonly string[]).includes(r));
  const status = (ns.object.status ?? {}) as { phase?: string };
  const hard = (quotaObject?.spec as { hard?: Record<string, string> } | undefined)?.hard;
  return {
    namespace_base: {
      name: ns.name,
      cluster_name: cluster.name,
      cluster_type: cluster.type,
      ...(cluster.type === 'EOS' ? { business_type: businessTypeOf(ns.object) } : {}),
      domain: ns.project.departmentName,
      project: ns.project.name,
      project_id: ns.project.id,
      // No annotation: both roles may be granted it.
      role: roles.length ? roles : [...NAMESPACE_ROLES],
      user_ids: usersOf(meta),
    },
    psp: pspOfLabels(meta.labels),
    ...(quotaObject ? { quota: limitsOf(hard) } : {}),
    namespace_status: { status: status.phase ?? 'Active', creation_time: meta.creationTimestamp ?? '' },
  };
}
