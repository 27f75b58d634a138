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

type K8sCall = (method: string, path: string, body?: unknown, contentType?: string) => Promise<unknown>;

/**
 * The rolling update: a Deployment of `replicas` nginx:alpine pods in
 * a namespace of its own, created and waited for, then its image changed;
 * wall time of each until `rolloutComplete`, polled every 100 ms.
 */
export async function timeRollout(k8s: K8sCall, replicas: number): Promise<Record<string, number>> {
  // A namespace of its own each run, so a bench may run again on a store filled before.
  const ns = `bench-roll-${Date.now().toString(36)}`;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await k8s('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const p = `/apis/apps/v1/namespaces/${ns}/deployments/roll`;
  const t0 = Date.now();
  await k8s('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, benchDeployment('roll', ns, replicas, 'nginx:alpine'));
  while (!rolloutComplete((await k8s('GET', p)) as DeploymentLike)) await sleep(100);
  const scaledUp = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  await k8s('PATCH', p, { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } }, 'application/strategic-merge-patch+json');
  while (!rolloutComplete((await k8s('GET', p)) as DeploymentLike)) await sleep(100);
  return { replicas, 'create → complete (s)': scaledUp, 'image change → complete (s)': (Date.now() - t1) / 1000 };
}
