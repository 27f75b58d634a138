import { isPlainObject, metaOf } from '../objects';
import { jsonEqual } from '../patch';
import { keyOf, splitKey, type ObservedChange } from '../controllers/cache';
import type { Controller, Requeue } from '../controllers/types';
import { formatQuantity } from './quantity';
import { addUsage, kindForResource, QUOTAS } from './usage';

/**
 * The resource quota controller: keeps each ResourceQuota's status.hard (a
 * copy of spec.hard) and status.used (what the namespace's objects consume of
 * each hard resource) current, from the manager's cache.
 */
export const quotaController: Controller = {
  name: 'resourcequota-controller',

  keysFor(ch: ObservedChange, cache): string[] {
    if (ch.kind === QUOTAS) return [keyOf(ch.object)];
    if (!ch.kind.namespaced) return [];
    return cache.list(QUOTAS, metaOf(ch.object).namespace).map(keyOf);
  },

  resyncKeys: (cache) => cache.list(QUOTAS).map(keyOf),

  async reconcile(key, c): Promise<Requeue | void> {
    const { namespace, name } = splitKey(key);
    const quota = c.cache.get(QUOTAS, namespace, name);
    if (!quota || metaOf(quota).deletionTimestamp) return;
    const spec = isPlainObject(quota.spec) ? quota.spec : {};
    const hard = isPlainObject(spec.hard) ? (spec.hard as Record<string, unknown>) : {};
    const totals = new Map<string, Record<string, number>>();
    const used: Record<string, string> = {};
    for (const n of Object.keys(hard).sort()) {
      const kind = kindForResource(n);
      let total: Record<string, number> = {};
      if (kind) {
        const k = `${kind.group}/${kind.plural}`;
        total = totals.get(k) ?? addUsage({}, kind, c.cache.list(kind, namespace));
        totals.set(k, total);
      }
      used[n] = formatQuantity(n, total[n] ?? 0);
    }
    const old = isPlainObject(quota.status) ? quota.status : {};
    const status = { hard: Object.fromEntries(Object.entries(hard).map(([k, v]) => [k, String(v)])), used };
    if (jsonEqual(status, { hard: old.hard ?? {}, used: old.used ?? {} })) return;
    // Merge patch merges maps: names no longer in hard are removed with null.
    const gone = (m: unknown, keep: Record<string, unknown>) => Object.fromEntries(Object.keys(isPlainObject(m) ? m : {}).filter((k) => !(k in keep)).map((k) => [k, null]));
    await c.write.patch(QUOTAS, namespace, name, {
      status: { hard: { ...gone(old.hard, status.hard), ...status.hard }, used: { ...gone(old.used, used), ...used } },
    }, 'status');
  },
};
