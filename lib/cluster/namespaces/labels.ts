/**
 * How a Namespace object carries what ECNS says about it. The cluster is the
 * record: Pier's DB holds no copy, so a namespace created or relabelled with
 * kubectl is seen the same way, and a real cluster keeps its ownership when
 * it is registered in another Pier. Client-safe (no server imports).
 */

/** The owning project's id (32 hex characters: a valid label value). */
export const PROJECT_LABEL = 'pier.io/project';
/** ECNS business_type of a management-cluster namespace; absent means Normal. */
export const BUSINESS_TYPE_LABEL = 'pier.io/business-type';
/** JSON list of ECNS users ({id, name?, email?}) allowed in; absent or empty: every member of the project. */
export const USERS_ANNOTATION = 'pier.io/user-ids';
/** Comma-separated ECNS roles (Developer, Visitor) that may be granted the namespace; absent: both. */
export const ROLES_ANNOTATION = 'pier.io/roles';

/**
 * ECNS psp Limited / Unlimited as Pod Security Admission levels (the
 * successor of PodSecurityPolicy): Limited enforces `restricted`, Unlimited
 * `privileged`. A namespace without the label is what Kubernetes defaults
 * to, privileged, so ECNS reads it as Unlimited.
 */
export const PSA_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const PSA_BY_PSP = { Limited: 'restricted', Unlimited: 'privileged' } as const;

export function pspOfLabels(labels: Record<string, string> | undefined): 'Limited' | 'Unlimited' {
  const level = labels?.[PSA_ENFORCE_LABEL];
  // baseline is still limited: anything but privileged restricts pods.
  return level && level !== 'privileged' ? 'Limited' : 'Unlimited';
}

/** The ResourceQuota an ECNS quota lives in, one per namespace. */
export const QUOTA_NAME = 'pier-quota';
