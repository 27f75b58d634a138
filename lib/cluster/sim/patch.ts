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
