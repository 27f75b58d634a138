import type { K8sVersionsResponse } from '@/lib/dialects/ecns/cluster';

/**
 * GET /container_infra/k8sversions/: the versions a new EKS cluster could be
 * created with. Pier does not create clusters (it registers them by
 * kubeconfig); the one version it can bring up is the simulated cluster's,
 * which reports v1.30.0 on containerd. Docker is listed as not available:
 * no image for it is (or can be) uploaded.
 */
export const K8S_VERSIONS: K8sVersionsResponse = {
  versions: [
    {
      k8s_version: 'v1.30.0',
      runtime_version: [
        { container_runtime: 'containerd', available: true },
        { container_runtime: 'docker', available: false },
      ],
    },
  ],
};
