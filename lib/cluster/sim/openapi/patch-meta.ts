/**
 * The strategic-merge-patch metadata of the Go API types (their
 * `patchMergeKey`/`patchStrategy` struct tags, Kubernetes 1.30), which the
 * TypeScript definitions the schemas are generated from do not carry.
 * Keyed by definition name, then property.
 */
export interface PatchMeta {
  /** The field that identifies a list item ("name" for containers); absent for lists of scalars. */
  key?: string;
  strategy: 'merge' | 'retainKeys' | 'merge,retainKeys';
}

const M = (key?: string, strategy: PatchMeta['strategy'] = 'merge'): PatchMeta => ({ ...(key ? { key } : {}), strategy });

const CONTAINER = { env: M('name'), ports: M('containerPort'), volumeMounts: M('mountPath'), volumeDevices: M('devicePath') };

export const PATCH_META: Record<string, Record<string, PatchMeta>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { finalizers: M(), ownerReferences: M('uid') },
  'io.k8s.api.core.v1.PodSpec': {
    containers: M('name'), initContainers: M('name'), ephemeralContainers: M('name'), volumes: M('name', 'merge,retainKeys'),
    imagePullSecrets: M('name'), hostAliases: M('ip'), topologySpreadConstraints: M('topologyKey'),
    resourceClaims: M('name', 'merge,retainKeys'), schedulingGates: M('name'),
  },
  'io.k8s.api.core.v1.Container': CONTAINER,
  'io.k8s.api.core.v1.EphemeralContainer': CONTAINER,
  'io.k8s.api.core.v1.PodStatus': { conditions: M('type'), podIPs: M('ip'), hostIPs: M('ip'), resourceClaimStatuses: M('name', 'merge,retainKeys') },
  'io.k8s.api.core.v1.ServiceSpec': { ports: M('port') },
  'io.k8s.api.core.v1.ServiceStatus': { conditions: M('type') },
  'io.k8s.api.core.v1.NodeSpec': { podCIDRs: M() },
  'io.k8s.api.core.v1.NodeStatus': { conditions: M('type'), addresses: M('type') },
  'io.k8s.api.core.v1.NamespaceStatus': { conditions: M('type') },
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': { conditions: M('type') },
  'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { strategy: 'retainKeys' } },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions: M('type') },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: M('type') },
  'io.k8s.api.apps.v1.StatefulSetStatus': { conditions: M('type') },
  'io.k8s.api.apps.v1.DaemonSetStatus': { conditions: M('type') },
  'io.k8s.api.batch.v1.JobStatus': { conditions: M('type') },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': { conditions: M('type') },
};
