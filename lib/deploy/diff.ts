/**
 * What would change: the objects that run now against those a version would
 * run. Live objects carry what the apiserver and controllers add (status,
 * uid, defaults such as terminationMessagePath); only the fields Pier writes
 * are compared, so the diff shows the user's change and nothing else.
 * Pure and client-safe.
 */
import { objectKey, type KubeObj } from './objects';

export interface FieldChange {
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface ObjectDiff {
  key: string;
  kind: string;
  name: string;
  action: 'create' | 'update' | 'delete' | 'unchanged';
  changes: FieldChange[];
  /** The compared forms (live pruned to Pier's fields), for a side-by-side view. */
  before?: unknown;
  after?: unknown;
}

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges the key structure of several shapes (values are irrelevant). */
function mergeShapes(a: Json, b: Json): Json {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => mergeShapes(a[i] ?? a[0], b[i] ?? b[0]));
  }
  if (isObj(a) && isObj(b)) {
    const out: Record<string, Json> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = mergeShapes(a[k], v);
    return out;
  }
  return a;
}

/** `value` keeping only the keys `shape` has, at every depth (array items by the shape's item). */
export function prune(value: Json, shape: Json): Json {
  if (Array.isArray(value) && Array.isArray(shape)) {
    if (shape.length === 0) return value;
    return value.map((v, i) => prune(v, shape[Math.min(i, shape.length - 1)]));
  }
  if (isObj(value) && isObj(shape)) {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(shape)) if (value[k] !== undefined) out[k] = prune(value[k], shape[k]);
    return out;
  }
  return value;
}

function walk(a: Json, b: Json, path: string, out: FieldChange[]): void {
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const c: FieldChange = { path };
  if (a !== undefined) c.from = a;
  if (b !== undefined) c.to = b;
  out.push(c);
}

/** Field changes from `a` to `b`, leaf by leaf (array items by index). */
export function fieldChanges(a: Json, b: Json): FieldChange[] {
  const out: FieldChange[] = [];
  walk(a, b, '', out);
  return out;
}

const comparable = (o: KubeObj) => ({ metadata: { labels: o.metadata.labels ?? {}, annotations: o.metadata.annotations ?? {} }, spec: o.spec });

/**
 * Diffs `live` (as read from the cluster) against `desired`. `previous` are
 * the objects Pier wrote for what runs now, when known: their fields are
 * compared too, so a field the new version drops shows as removed.
 * `ignore` lists paths that others own (an HPA owns a Deployment's replicas).
 */
export function diffObjects(live: KubeObj[], desired: KubeObj[], previous: KubeObj[] = [], ignore: (o: KubeObj) => string[] = () => []): ObjectDiff[] {
  const liveBy = new Map(live.map((o) => [objectKey(o), o]));
  const prevBy = new Map(previous.map((o) => [objectKey(o), o]));
  const out: ObjectDiff[] = [];
  for (const d of desired) {
    const key = objectKey(d);
    const l = liveBy.get(key);
    const after = comparable(d);
    if (!l) {
      out.push({ key, kind: d.kind, name: d.metadata.name, action: 'create', changes: fieldChanges(undefined, after), after });
      continue;
    }
    const p = prevBy.get(key);
    const shape = mergeShapes(after, p ? comparable(p) : undefined);
    // Pier's annotation values on live objects other than its own (kubectl's last-applied, etc.) are left out by the shape.
    const before = prune(comparable(l), shape);
    const skip = new Set(ignore(d));
    const changes = fieldChanges(before, after).filter((c) => ![...skip].some((s) => c.path === s || c.path.startsWith(`${s}.`)));
    out.push({ key, kind: d.kind, name: d.metadata.name, action: changes.length ? 'update' : 'unchanged', changes, before, after });
  }
  const wanted = new Set(desired.map(objectKey));
  for (const l of live) {
    const key = objectKey(l);
    if (wanted.has(key)) continue;
    const before = prevBy.has(key) ? prune(comparable(l), comparable(prevBy.get(key)!)) : comparable(l);
    out.push({ key, kind: l.kind, name: l.metadata.name, action: 'delete', changes: fieldChanges(before, undefined), before });
  }
  return out;
}
