/**
 * The form's values without what an untouched input leaves behind: undefined
 * fields, and objects and lists that end up empty (`security: {}`,
 * `env: []`). Without this an untouched form would differ from the live
 * workload and make `securityContext: {}` in the YAML. `access` stays even
 * when empty: an ExternalName access mode has no ports but the list is required.
 */
export function prune<T>(value: T): T {
  return pruneAny(value, '') as T;
}

const KEEP_EMPTY = new Set(['access', 'containers']);
const REQUIRED_BOOLEANS = new Set(['read_only']);

function pruneAny(v: unknown, key: string): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => pruneAny(x, '')).filter((x) => x !== undefined);
    return items.length || KEEP_EMPTY.has(key) ? items : undefined;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = pruneAny(x, k);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === false && !REQUIRED_BOOLEANS.has(key)) return undefined;
  return v;
}

/** A stable text of a value for comparing: pruned, keys sorted (the form and the server order keys differently). */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(prune(value)) ?? null);
}
