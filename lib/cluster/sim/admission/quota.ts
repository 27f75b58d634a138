import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { k8sObjects } from '@/db/schema';
import { qualifiedResource, type KindInfo } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { failureStatus, K8sError } from '../status';
import { formatQuantity } from './quantity';
import { addUsage, hardOf, kindForResource, missingCompute, QUOTAS, usageOf } from './usage';

function forbidden(k: KindInfo, name: string, why: string): K8sError {
  return new K8sError(failureStatus(403, `${qualifiedResource(k)} "${name}" is forbidden: ${why}`, 'Forbidden', { name, group: k.group, kind: k.plural }));
}

/** The namespace's objects of a kind; on an update this includes the object as it is now, so `used` counts it. */
async function rowsOf(tx: Db, clusterId: string, k: Pick<KindInfo, 'group' | 'plural'>, namespace: string): Promise<K8sObject[]> {
  const rows = await tx
    .select({ body: k8sObjects.body })
    .from(k8sObjects)
    .where(and(
      eq(k8sObjects.clusterId, clusterId), eq(k8sObjects.apiGroup, k.group), eq(k8sObjects.resource, k.plural), eq(k8sObjects.namespace, namespace),
    ));
  return rows.map((r) => r.body as K8sObject);
}

const pretty = (names: string[], values: Record<string, number>) => names.map((n) => `${n}=${formatQuantity(n, values[n] ?? 0)}`).join(',');

/**
 * ResourceQuota admission, run inside the write transaction (after the
 * cluster's counter lock, so two creates cannot both take the last unit):
 * refuses a create, or an update that raises usage, that would take a
 * namespace past any quota's hard limit, with the apiserver's 403 message;
 * refuses pods that leave out a request or limit a quota limits. Usage is
 * counted from the stored objects rather than from the quota's status.used,
 * so it needs no status write here and is never stale.
 */
export async function admitQuota(tx: Db, clusterId: string, k: KindInfo, obj: K8sObject, old?: K8sObject): Promise<void> {
  if (!k.namespaced || (k.group === '' && k.plural === 'events')) return;
  const namespace = metaOf(obj).namespace ?? '';
  const name = metaOf(obj).name ?? '';
  const quotas = await rowsOf(tx, clusterId, QUOTAS, namespace);
  if (!quotas.length) return;
  const now = usageOf(k, obj);
  const before = old ? usageOf(k, old) : {};
  const delta: Record<string, number> = {};
  for (const [n, v] of Object.entries(now)) if (v - (before[n] ?? 0) > 0) delta[n] = v - (before[n] ?? 0);
  if (!Object.keys(delta).length) return;
  const sorted = [...quotas].sort((a, b) => String(metaOf(a).name).localeCompare(String(metaOf(b).name)));
  const usedCache = new Map<string, Record<string, number>>();
  for (const q of sorted) {
    const hard = hardOf(q);
    const qName = metaOf(q).name!;
    if (k.group === '' && k.plural === 'pods' && !old && delta.pods) {
      const missing = missingCompute(obj, hard);
      if (missing.length) throw forbidden(k, name, `failed quota: ${qName}: must specify ${missing.join('; ')}`);
    }
    const tracked = Object.keys(hard).filter((n) => delta[n] !== undefined).sort();
    if (!tracked.length) continue;
    const used: Record<string, number> = {};
    for (const n of tracked) {
      const kind = kindForResource(n);
      if (!kind) continue;
      const key = `${kind.group}/${kind.plural}`;
      let total = usedCache.get(key);
      if (!total) {
        const objects = await rowsOf(tx, clusterId, kind, namespace);
        total = addUsage({}, kind, objects);
        usedCache.set(key, total);
      }
      used[n] = total[n] ?? 0;
    }
    const exceeded = tracked.filter((n) => used[n] + delta[n] > hard[n] + 1e-9);
    if (exceeded.length) {
      throw forbidden(k, name, `exceeded quota: ${qName}, requested: ${pretty(exceeded, delta)}, used: ${pretty(exceeded, used)}, limited: ${pretty(exceeded, hard)}`);
    }
  }
}
