import type { Quota, QuotaKey } from '@/lib/dialects/ecns/namespaces';
import { QUOTA_KEYS } from '@/lib/dialects/ecns/namespaces';
import { parseQuantity } from '@/lib/cluster/quantity';
import type { K8sObject, KindRef, Kube } from './kube';
import { QUOTA_RESOURCES, toEcns } from './quota';

const ref = (apiVersion: string, kind: string, plural: string): KindRef => ({ apiVersion, kind, plural, namespaced: true });
const PODS = ref('v1', 'Pod', 'pods');
const PVCS = ref('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims');
const SERVICES = ref('v1', 'Service', 'services');

type Containers = { spec?: { containers?: Array<{ resources?: { limits?: Record<string, string> } }> }; status?: { phase?: string } };

/** What the quota controller would count: pods not yet finished, and their containers' limits. */
function livePods(pods: K8sObject[]): Containers[] {
  return (pods as Containers[]).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

function sumLimits(pods: Containers[], resource: 'cpu' | 'memory'): number {
  let total = 0;
  for (const p of pods) for (const c of p.spec?.containers ?? []) total += parseQuantity(c.resources?.limits?.[resource]);
  return total;
}

const COUNTED: Partial<Record<QuotaKey, KindRef>> = {
  deployments: ref('apps/v1', 'Deployment', 'deployments'),
  statefulsets: ref('apps/v1', 'StatefulSet', 'statefulsets'),
  jobs: ref('batch/v1', 'Job', 'jobs'),
  cronjobs: ref('batch/v1', 'CronJob', 'cronjobs'),
  persistentvolumeclaims: PVCS,
  configmaps: ref('v1', 'ConfigMap', 'configmaps'),
  services: SERVICES,
  secrets: ref('v1', 'Secret', 'secrets'),
  ingress: ref('networking.k8s.io/v1', 'Ingress', 'ingresses'),
};

/**
 * ECNS `used`: the ResourceQuota's `status.used` where the cluster's quota
 * controller has counted an item (a real cluster does, for the items in
 * `hard`); any other item is counted here from the namespace's objects, one
 * list per kind needed, so `used` is right for unlimited items too.
 */
export async function usedOf(kube: Kube, namespace: string, statusUsed: Record<string, string> | undefined): Promise<Required<Quota>> {
  const lists = new Map<string, Promise<K8sObject[]>>();
  const list = (k: KindRef) => {
    if (!lists.has(k.plural)) lists.set(k.plural, kube.list(k, { namespace }));
    return lists.get(k.plural)!;
  };
  const out = {} as Required<Quota>;
  for (const key of QUOTA_KEYS) {
    const { resource, unit } = QUOTA_RESOURCES[key];
    const counted = statusUsed?.[resource];
    if (counted !== undefined) {
      out[key] = toEcns(counted, unit);
      continue;
    }
    switch (key) {
      case 'pods': out[key] = livePods(await list(PODS)).length; break;
      case 'cpu': out[key] = Math.ceil(sumLimits(livePods(await list(PODS)), 'cpu')); break;
      case 'memory': out[key] = Math.ceil(sumLimits(livePods(await list(PODS)), 'memory') / 2 ** 30); break;
      case 'storage': {
        const bytes = (await list(PVCS)).reduce((n, c) => n + parseQuantity((c.spec as { resources?: { requests?: Record<string, string> } } | undefined)?.resources?.requests?.storage), 0);
        out[key] = Math.ceil(bytes / 2 ** 30);
        break;
      }
      case 'loadbalancers': out[key] = (await list(SERVICES)).filter((s) => (s.spec as { type?: string } | undefined)?.type === 'LoadBalancer').length; break;
      default: out[key] = (await list(COUNTED[key]!)).length;
    }
  }
  return out;
}
