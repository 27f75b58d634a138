import type { KindRef } from '@/lib/cluster/adapter';
import type { WorkloadType } from '@/lib/dialects/ecns/workloads';

export const DEPLOYMENT: KindRef = { apiVersion: 'apps/v1', kind: 'Deployment' };
export const STATEFULSET: KindRef = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
export const DAEMONSET: KindRef = { apiVersion: 'apps/v1', kind: 'DaemonSet' };
export const REPLICASET: KindRef = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };
export const CONTROLLER_REVISION: KindRef = { apiVersion: 'apps/v1', kind: 'ControllerRevision' };
export const SERVICE: KindRef = { apiVersion: 'v1', kind: 'Service' };
export const POD: KindRef = { apiVersion: 'v1', kind: 'Pod' };
export const EVENT: KindRef = { apiVersion: 'v1', kind: 'Event' };
export const NODE: KindRef = { apiVersion: 'v1', kind: 'Node' };
export const PVC: KindRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
export const INGRESS: KindRef = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' };
export const HPA: KindRef = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' };

export const WORKLOAD_REF: Record<WorkloadType, KindRef> = { Deployment: DEPLOYMENT, StatefulSet: STATEFULSET, DaemonSet: DAEMONSET };
