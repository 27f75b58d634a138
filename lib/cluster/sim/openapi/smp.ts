import type { KindInfo } from '../kinds';
import { jsonPatch, mergePatch, strategicMerge, type SmpSchema } from '../patch';
import { resolve, schemaOf, type Schema } from './schemas';

/** A schema node seen through the questions strategic merge asks. */
function smp(node: Schema | undefined): SmpSchema | undefined {
  if (!node) return undefined;
  const def = resolve(node);
  return {
    mergeKey: node['x-kubernetes-patch-merge-key'],
    strategy: node['x-kubernetes-patch-strategy'],
    field: (key) => smp(def?.properties?.[key] ?? def?.additionalProperties),
    items: () => smp(def?.items),
  };
}

/** The strategic-merge view of a kind's schema; undefined for kinds without one (then lists are replaced whole). */
export function smpSchemaOf(k: KindInfo): SmpSchema | undefined {
  return smp(schemaOf(k));
}

/** The one place a PATCH body meets the stored object, by patch type. */
export function applyPatch(k: KindInfo, type: 'merge' | 'strategic' | 'json', current: unknown, patch: unknown): unknown {
  if (type === 'merge') return mergePatch(current, patch);
  if (type === 'strategic') return strategicMerge(current, patch, smpSchemaOf(k));
  return jsonPatch(current, patch);
}
