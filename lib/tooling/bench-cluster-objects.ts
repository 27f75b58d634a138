/** The objects the cluster benchmarks create, shared by the HTTP bench and the in-process profile. */

/** A roomy worker node (64 CPUs, 1,000 pods), Ready. */
export function benchNode(i: number) {
  const name = `bench-node-${String(i).padStart(3, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'pier.io/bench': 'true' } },
    status: {
      capacity: { cpu: '64', memory: '256Gi', pods: '1000' },
      allocatable: { cpu: '64', memory: '256Gi', pods: '1000' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { kubeletVersion: 'v1.30.0', osImage: 'Pier simulated', architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

export function benchDeployment(name: string, namespace: string, replicas: number, image: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: name, tier: 'web' } },
        spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}

interface DeploymentLike {
  metadata?: { generation?: number };
  spec?: unknown;
  status?: unknown;
}

/** `kubectl rollout status`'s rule: the controller saw the latest spec and every replica is updated and available. */
export function rolloutComplete(d: DeploymentLike | undefined): boolean {
  if (!d) return false;
  const s = (d.status ?? {}) as { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
  const want = (d.spec as { replicas?: number } | undefined)?.replicas;
  return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) && s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want;
}
