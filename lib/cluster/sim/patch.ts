/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902), on plain JSON values. */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386: objects merge key by key, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export class PatchError extends Error {}

export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(arr: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`invalid array index ${JSON.stringify(token)}`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) throw new PatchError(`array index ${i} out of bounds`);
  return i;
}

function child(parent: unknown, token: string, path: string): unknown {
  if (Array.isArray(parent)) return parent[arrayIndex(parent, token, false)];
  if (isObject(parent) && Object.prototype.hasOwnProperty.call(parent, token)) return parent[token];
  throw new PatchError(`doc is missing path: ${path}`);
}

function get(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of parsePointer(path)) cur = child(cur, t, path);
  return cur;
}

/** The container holding the pointer's last token, and that token. */
function parentOf(doc: unknown, path: string): { parent: unknown; last: string } {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new PatchError('the root cannot be the target here');
  let cur = doc;
  for (const t of tokens.slice(0, -1)) cur = child(cur, t, path);
  return { parent: cur, last: tokens[tokens.length - 1] };
}

function add(doc: unknown, path: string, value: unknown): unknown {
  if (path === '') return value;
  const { parent, last } = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw new PatchError(`doc is missing path: ${path}`);
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const { parent, last } = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false), 1);
  else if (isObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) delete parent[last];
  else throw new PatchError(`doc is missing path: ${path}`);
  return doc;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Deep equality of JSON values, key order ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** RFC 6902, applied to a copy; any failing operation fails the whole patch. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be an array of operations');
  let doc = structuredClone(target) as Json;
  for (const raw of ops) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new PatchError('each operation needs "op" and "path"');
    }
    const op = raw as unknown as JsonPatchOp;
    const needsValue = op.op === 'add' || op.op === 'replace' || op.op === 'test';
    if (needsValue && !('value' in raw)) throw new PatchError(`operation ${op.op} on ${op.path} has no "value"`);
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, structuredClone(op.value)) as Json;
        break;
      case 'remove':
        doc = remove(doc, op.path) as Json;
        break;
      case 'replace':
        get(doc, op.path);
        doc = (op.path === '' ? structuredClone(op.value) : add(remove(doc, op.path), op.path, structuredClone(op.value))) as Json;
        break;
      case 'move': {
        if (typeof op.from !== 'string') throw new PatchError('move needs "from"');
        if (op.path.startsWith(`${op.from}/`)) throw new PatchError('cannot move a value into itself');
        const v = get(doc, op.from);
        doc = add(remove(doc, op.from), op.path, v) as Json;
        break;
      }
      case 'copy': {
        if (typeof op.from !== 'string') throw new PatchError('copy needs "from"');
        doc = add(doc, op.path, structuredClone(get(doc, op.from))) as Json;
        break;
      }
      case 'test':
        if (!jsonEqual(get(doc, op.path), op.value)) throw new PatchError(`test operation failed at ${op.path}`);
        break;
      default:
        throw new PatchError(`unknown operation ${JSON.stringify(op.op)}`);
    }
  }
  return doc;
}

// ---------------------------------------------------------------- strategic merge patch

/** What strategic merge needs to know about a field: how its lists merge, and the schema below it. */
export interface SmpSchema {
  /** The schema of a field named `key` of this object (or of a map value). */
  field(key: string): SmpSchema | undefined;
  /** The schema of this list's items. */
  items(): SmpSchema | undefined;
  mergeKey?: string;
  strategy?: string;
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVES = '$deleteFromPrimitiveList/';

function mergeList(orig: unknown, patch: unknown[], s: SmpSchema | undefined): unknown[] {
  const base = Array.isArray(orig) ? (structuredClone(orig) as unknown[]) : [];
  const strategy = s?.strategy ?? '';
  if (!strategy.split(',').includes('merge')) {
    return patch.filter((x) => !(isObject(x) && x[DIRECTIVE] !== undefined)).map((x) => stripDirectives(x));
  }
  // A {"$patch": "replace"} item means: the list is exactly the other items.
  if (patch.some((x) => isObject(x) && x[DIRECTIVE] === 'replace')) {
    return patch.filter((x) => !(isObject(x) && x[DIRECTIVE] === 'replace')).map((x) => stripDirectives(x));
  }
  const key = s?.mergeKey;
  if (!key) {
    // A set of scalars: add what is missing.
    for (const v of patch) if (!base.some((b) => jsonEqual(b, v))) base.push(structuredClone(v));
    return base;
  }
  const itemSchema = s?.items();
  for (const item of patch) {
    if (!isObject(item)) throw new PatchError(`the list items of a strategic merge list must be objects with the merge key "${key}"`);
    if (!(key in item)) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const at = base.findIndex((b) => isObject(b) && jsonEqual(b[key], item[key]));
    if (item[DIRECTIVE] === 'delete') {
      if (at >= 0) base.splice(at, 1);
      continue;
    }
    if (at >= 0) base[at] = strategicMerge(base[at], item, itemSchema);
    else base.push(strategicMerge(undefined, item, itemSchema));
  }
  return base;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

/** Orders a merged list as `$setElementOrder` says; items it does not name keep their place after the named ones. */
function orderList(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const keyOf = (v: unknown) => (key && isObject(v) ? v[key] : v);
  const wanted = order.map((o) => (key && isObject(o) ? o[key] : o));
  const named = wanted.map((w) => list.find((v) => jsonEqual(keyOf(v), w))).filter((v) => v !== undefined);
  const rest = list.filter((v) => !wanted.some((w) => jsonEqual(keyOf(v), w)));
  return [...named, ...rest];
}

/**
 * Kubernetes' strategic merge patch: like a JSON merge patch, except that
 * lists whose schema says `x-kubernetes-patch-strategy: merge` are merged
 * item by item on their `x-kubernetes-patch-merge-key` (containers by name,
 * ports by containerPort, ...), and the directives `$patch` (replace, delete,
 * merge), `$retainKeys`, `$setElementOrder/<list>` and
 * `$deleteFromPrimitiveList/<list>` are honoured.
 */
export function strategicMerge(target: unknown, patch: unknown, s: SmpSchema | undefined): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const directive = patch[DIRECTIVE];
  if (directive === 'replace') return stripDirectives(Object.fromEntries(Object.entries(patch).filter(([k]) => k !== DIRECTIVE)));
  if (directive === 'delete') return undefined;
  if (directive !== undefined && directive !== 'merge') throw new PatchError(`unknown patch type: ${JSON.stringify(directive)}`);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  const orders: Array<[string, unknown[]]> = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS) continue;
    if (k.startsWith(SET_ORDER)) {
      if (!Array.isArray(v)) throw new PatchError(`${k} must be a list`);
      orders.push([k.slice(SET_ORDER.length), v]);
      continue;
    }
    if (k.startsWith(DELETE_PRIMITIVES)) {
      const field = k.slice(DELETE_PRIMITIVES.length);
      if (!Array.isArray(v)) throw new PatchError(`${k} must be a list`);
      if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).filter((x) => !v.some((d) => jsonEqual(d, x)));
      continue;
    }
    const fs = s?.field(k);
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(out[k], v, fs);
    else if (isObject(v)) {
      const merged = strategicMerge(out[k], v, fs);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  for (const [field, order] of orders) {
    if (Array.isArray(out[field])) out[field] = orderList(out[field] as unknown[], order, s?.field(field)?.mergeKey);
  }
  const retain = patch[RETAIN_KEYS];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError(`${RETAIN_KEYS} must be a list of field names`);
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}
