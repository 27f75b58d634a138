import { findKind, KINDS, qualifiedResource, type KindInfo } from '../kinds';
import { isPlainObject, metaOf, type K8sObject } from '../objects';
import { parseQuantity } from './quantity';

type Usage = Record<string, number>;
type Named = Pick<KindInfo, 'group' | 'plural'>;

export const QUOTAS = findKind('', 'v1', 'resourcequotas')!;

const COMPUTE = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
/** "cpu" and "memory" in a quota's hard mean requests.cpu and requests.memory. */
const ALIAS: Record<string, string> = { cpu: 'requests.cpu', memory: 'requests.memory' };

const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? v.filter(isPlainObject) : []);

function containerAmount(c: Record<string, unknown>, which: 'requests' | 'limits', res: string): number | undefined {
  const r = isPlainObject(c.resources) && isPlainObject(c.resources[which]) ? c.resources[which][res] : undefined;
  const v = parseQuantity(r);
  return Number.isFinite(v) ? v : undefined;
}

/** A pod's effective request or limit: the sum over containers, or the largest init container's if that is more. */
function podAmount(pod: K8sObject, which: 'requests' | 'limits', res: string): number {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const sum = list(spec.containers).reduce((n, c) => n + (containerAmount(c, which, res) ?? 0), 0);
  const init = list(spec.initContainers).reduce((n, c) => Math.max(n, containerAmount(c, which, res) ?? 0), 0);
  return Math.max(sum, init);
}

const isTerminalPod = (pod: K8sObject) => {
  const phase = isPlainObject(pod.status) ? pod.status.phase : undefined;
  return phase === 'Succeeded' || phase === 'Failed';
};

/** The object count resource for a kind: "count/pods", "count/deployments.apps". */
export const countName = (k: Named) => `count/${qualifiedResource(k)}`;

/** What one object consumes of each quota resource it can be charged for. */
export function usageOf(k: Named, o: K8sObject): Usage {
  const u: Usage = { [countName(k)]: 1 };
  if (k.group !== '') return u;
  switch (k.plural) {
    case 'pods': {
      if (isTerminalPod(o)) return {};
      u.pods = 1;
      for (const r of COMPUTE) {
        const [which, res] = r.split('.') as ['requests' | 'limits', string];
        u[r] = podAmount(o, which, res);
      }
      u.cpu = u['requests.cpu'];
      u.memory = u['requests.memory'];
      return u;
    }
    case 'services': {
      const spec = isPlainObject(o.spec) ? o.spec : {};
      u.services = 1;
      u['services.loadbalancers'] = spec.type === 'LoadBalancer' ? 1 : 0;
      u['services.nodeports'] = spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? list(spec.ports).length : 0;
      return u;
    }
    case 'persistentvolumeclaims': {
      const spec = isPlainObject(o.spec) ? o.spec : {};
      const req = isPlainObject(spec.resources) && isPlainObject(spec.resources.requests) ? parseQuantity(spec.resources.requests.storage) : NaN;
      const storage = Number.isFinite(req) ? req : 0;
      u.persistentvolumeclaims = 1;
      u['requests.storage'] = storage;
      if (typeof spec.storageClassName === 'string' && spec.storageClassName) {
        u[`${spec.storageClassName}.storageclass.storage.k8s.io/persistentvolumeclaims`] = 1;
        u[`${spec.storageClassName}.storageclass.storage.k8s.io/requests.storage`] = storage;
      }
      return u;
    }
    case 'configmaps':
    case 'secrets':
    case 'resourcequotas':
      u[k.plural] = 1;
      return u;
    default:
      return u;
  }
}

/** The kind whose objects a quota resource name counts, or undefined for names nothing here charges. */
export function kindForResource(name: string): KindInfo | undefined {
  const n = ALIAS[name] ?? name;
  if (n === 'pods' || n.startsWith('requests.cpu') || n.startsWith('requests.memory') || n.startsWith('limits.')) return findKind('', 'v1', 'pods');
  if (n.startsWith('services')) return findKind('', 'v1', 'services');
  if (n === 'persistentvolumeclaims' || n === 'requests.storage' || n.includes('.storageclass.storage.k8s.io/')) return findKind('', 'v1', 'persistentvolumeclaims');
  if (n === 'configmaps' || n === 'secrets' || n === 'resourcequotas') return findKind('', 'v1', n);
  if (n.startsWith('count/')) return KINDS.find((k) => k.namespaced && countName(k) === n);
  return undefined;
}

/** A quota's hard limits, parsed (names it cannot read are left out). */
export function hardOf(quota: K8sObject): Usage {
  const spec = isPlainObject(quota.spec) ? quota.spec : {};
  const hard = isPlainObject(spec.hard) ? spec.hard : {};
  const out: Usage = {};
  for (const [name, v] of Object.entries(hard)) {
    const q = parseQuantity(v);
    if (Number.isFinite(q)) out[name] = q;
  }
  return out;
}

/** Adds what `objects` (of kind `k`) consume to `total`. */
export function addUsage(total: Usage, k: Named, objects: Iterable<K8sObject>): Usage {
  for (const o of objects) {
    for (const [n, v] of Object.entries(usageOf(k, o))) if (v) total[n] = (total[n] ?? 0) + v;
  }
  return total;
}

/**
 * For a pod under a quota that limits compute resources: which of them its
 * containers do not specify ("requests.cpu for: nginx"), as the quota
 * admission refuses such pods.
 */
export function missingCompute(pod: K8sObject, hard: Usage): string[] {
  const wanted = new Set(Object.keys(hard).map((n) => ALIAS[n] ?? n).filter((n) => (COMPUTE as readonly string[]).includes(n)));
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const out: string[] = [];
  for (const r of [...wanted].sort()) {
    const [which, res] = r.split('.') as ['requests' | 'limits', string];
    const lacking = list(spec.containers).filter((c) => containerAmount(c, which, res) === undefined).map((c) => String(c.name));
    if (lacking.length) out.push(`${r} for: ${lacking.join(',')}`);
  }
  return out;
}

export const quotaNamespace = (o: K8sObject) => metaOf(o).namespace ?? '';
