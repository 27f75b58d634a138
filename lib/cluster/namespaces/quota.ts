import { parseQuantity } from '@/lib/cluster/quantity';
import { QUOTA_KEYS, type Quota, type QuotaKey, type QuotaStatus } from '@/lib/dialects/ecns/namespaces';

type Unit = 'count' | 'cores' | 'GiB';

/**
 * Where each ECNS quota item lives in a ResourceQuota's `spec.hard`, and in
 * what unit ECNS counts it: cpu in cores of limits, memory and storage in
 * GiB (memory of limits, storage of PVC requests), the rest object counts.
 */
export const QUOTA_RESOURCES: Record<QuotaKey, { resource: string; unit: Unit }> = {
  pods: { resource: 'pods', unit: 'count' },
  cpu: { resource: 'limits.cpu', unit: 'cores' },
  memory: { resource: 'limits.memory', unit: 'GiB' },
  statefulsets: { resource: 'count/statefulsets.apps', unit: 'count' },
  deployments: { resource: 'count/deployments.apps', unit: 'count' },
  jobs: { resource: 'count/jobs.batch', unit: 'count' },
  cronjobs: { resource: 'count/cronjobs.batch', unit: 'count' },
  storage: { resource: 'requests.storage', unit: 'GiB' },
  persistentvolumeclaims: { resource: 'persistentvolumeclaims', unit: 'count' },
  configmaps: { resource: 'configmaps', unit: 'count' },
  services: { resource: 'services', unit: 'count' },
  loadbalancers: { resource: 'services.loadbalancers', unit: 'count' },
  secrets: { resource: 'secrets', unit: 'count' },
  ingress: { resource: 'count/ingresses.networking.k8s.io', unit: 'count' },
};

/** A quantity in ECNS's unit, rounded up: half a core used is a core of the quota taken. */
export function toEcns(q: string, unit: Unit): number {
  const n = parseQuantity(q);
  return Math.ceil(unit === 'GiB' ? n / 2 ** 30 : n);
}

function toQuantity(n: number, unit: Unit): string {
  return unit === 'GiB' ? `${n}Gi` : String(n);
}

/**
 * The new `spec.hard` after an ECNS quota: items given replace theirs, -1
 * removes the limit, items not given stay as they were. Other entries of
 * spec.hard (set with kubectl) are kept.
 */
export function hardAfter(current: Record<string, string>, q: Quota): Record<string, string> {
  const next = { ...current };
  for (const key of QUOTA_KEYS) {
    const v = q[key];
    if (v === undefined) continue;
    const { resource, unit } = QUOTA_RESOURCES[key];
    if (v === -1) delete next[resource];
    else next[resource] = toQuantity(v, unit);
  }
  return next;
}

/** ECNS quota items from a ResourceQuota map; `missing` for items it does not hold. */
function fromMap(map: Record<string, string> | undefined, missing: number): Required<Quota> {
  const out = {} as Required<Quota>;
  for (const key of QUOTA_KEYS) {
    const { resource, unit } = QUOTA_RESOURCES[key];
    const v = map?.[resource];
    out[key] = v === undefined ? missing : toEcns(v, unit);
  }
  return out;
}

/** Only the limited items: how a namespace's quota reads in lists and on create. */
export function limitsOf(hard: Record<string, string> | undefined): Quota {
  const all = fromMap(hard, -1);
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== -1)) as Quota;
}

/** The seed's quota_status: every item in hard (-1: no limit), with `used` measured by usage.ts. */
export function quotaStatusOf(hard: Record<string, string> | undefined, used: Required<Quota>): QuotaStatus {
  return { hard: fromMap(hard, -1), used };
}
