/**
 * What Pier writes on a workload's Kubernetes objects for what Kubernetes has
 * no field for (ECNS application membership, ECNS-only fields). Everything
 * lives on the objects, so a crash leaves nothing to reconcile and a
 * workload made with kubectl is read the same way (without these, it simply
 * belongs to no application and has no ECNS-only fields).
 */

/** On the workload, its pod template, selector, and every Service/Ingress/HPA/PVC Pier makes for it. */
export const WORKLOAD_LABEL = 'pier.io/workload';
/** ECNS application membership (workload.application_name). */
export const APPLICATION_LABEL = 'pier.io/application';
export const APPLICATION_TYPE_ANNOTATION = 'pier.io/application-type';
/** JSON: per container name, the ECNS-only container fields (image_source, harbor_project_name, image_auth, image_secret, logsidecar_injector). */
export const CONTAINERS_ANNOTATION = 'pier.io/containers';
/** JSON: the hybrid-orchestration fields (security_groups, vm_access, vm_network). */
export const HYBRID_ANNOTATION = 'pier.io/hybrid';
/** The ECNS update strategy type, where Kubernetes' strategy does not tell (first_up / first_down / custom vs rolling_update). */
export const UPDATE_TYPE_ANNOTATION = 'pier.io/update-type';
/** The replica count a stopped workload had, restored by start. */
export const STOPPED_REPLICAS_ANNOTATION = 'pier.io/stopped-replicas';
/** On a PVC Pier made for a StorageClass volume: the volume's name in the workload. */
export const VOLUME_LABEL = 'pier.io/volume';
/** On a LoadBalancer Service: the seed's `external` and `subnet`, kept as given (Pier creates no OpenStack load balancer). */
export const LB_EXTERNAL_ANNOTATION = 'pier.io/lb-external';
export const LB_SUBNET_ANNOTATION = 'pier.io/lb-subnet';
/** Set by `recreate` on the pod template: a changed value rolls every pod, like `kubectl rollout restart`. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

export const PIER_PREFIX = 'pier.io/';

/** Labels without Pier's own bookkeeping: what the user set. */
export function userLabels(labels: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !k.startsWith(PIER_PREFIX)));
}

export function parseJsonAnnotation<T>(annotations: Record<string, string> | undefined, key: string): T | undefined {
  const raw = annotations?.[key];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}
