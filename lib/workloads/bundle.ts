import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PersistentVolumeClaim, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';

export type WorkloadObject = Deployment | StatefulSet | DaemonSet;

/** The Kubernetes objects one ECNS workload is made of. */
export interface KubeBundle {
  workload: WorkloadObject;
  /** One per access mode. */
  services: Service[];
  /** One per access mode with routers, named like its Service. */
  ingresses: Ingress[];
  /** From scale_strategy. */
  hpa?: HorizontalPodAutoscaler;
  /** For StorageClass volumes of a Deployment or DaemonSet (a StatefulSet has claim templates instead). */
  claims: PersistentVolumeClaim[];
}
