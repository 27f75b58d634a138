import type { KindInfo } from '../kinds';
import { badRequest, type K8sError } from '../status';
import { goTypeName, resolve, schemaOf, type Schema } from './schemas';

/** The `fieldValidation` query parameter: what to do with fields the schema does not know. */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export function fieldValidationParam(v: string | null): FieldValidation {
  if (v === null || v === '') return 'Warn';
  if (v === 'Ignore' || v === 'Warn' || v === 'Strict') return v;
  throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(v)}: supported values: "Ignore", "Warn", "Strict"`);
}

interface Found {
  unknown: string[];
  typeError?: { path: string; parent: string; got: string; want: string };
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Go's name for a schema's type, as encoding/json reports it. */
function goType(s: Schema): string {
  switch (s.type) {
    case 'integer': return 'int32';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'string': return s.format === 'int-or-string' ? 'intstr.IntOrString' : 'string';
    case 'array': return `[]${s.items ? goType(resolve(s.items) ?? {}) : 'interface {}'}`;
    case 'object': return s.additionalProperties ? `map[string]${goType(resolve(s.additionalProperties) ?? {})}` : 'struct';
    default: return 'interface {}';
  }
}

/**
 * Walks a body against its schema, dropping fields the schema does not know
 * (the apiserver's decoder does the same) and noting them, and stopping at the
 * first value of the wrong JSON type. `$`-prefixed keys (patch directives) are
 * left alone.
 */
function walk(v: unknown, s: Schema | undefined, path: string, parent: string, found: Found, prune: boolean): void {
  const def = resolve(s);
  if (!def || v === null || v === undefined || found.typeError) return;
  const kind = jsonKind(v);
  const want = def.type;
  const typeOk = !want
    || (want === 'object' && kind === 'object')
    || (want === 'array' && kind === 'array')
    || (want === 'string' && (kind === 'string' || (def.format === 'int-or-string' && kind === 'number')))
    || (want === 'integer' && kind === 'number' && Number.isInteger(v))
    || (want === 'number' && kind === 'number')
    || (want === 'boolean' && kind === 'boolean');
  if (!typeOk) {
    const got = want === 'integer' && kind === 'number' ? 'number' : kind === 'object' ? 'object' : kind;
    found.typeError = { path, parent, got, want: goType(def) };
    return;
  }
  if (kind === 'array') {
    (v as unknown[]).forEach((item, i) => walk(item, def.items, `${path}[${i}]`, parent, found, prune));
    return;
  }
  if (kind !== 'object') return;
  const o = v as Record<string, unknown>;
  const here = goTypeName(s) || parent;
  for (const key of Object.keys(o)) {
    if (key.startsWith('$')) continue;
    const child = path ? `${path}.${key}` : key;
    if (def.properties) {
      const ps = def.properties[key];
      if (!ps) {
        found.unknown.push(child);
        if (prune) delete o[key];
        continue;
      }
      walk(o[key], ps, child, here, found, prune);
    } else if (def.additionalProperties) {
      walk(o[key], def.additionalProperties, child, here, found, prune);
    }
  }
}

export interface DecodeResult {
  /** Warning header texts for unknown fields (fieldValidation=Warn). */
  warnings: string[];
}

function cannotHandle(k: KindInfo, detail: string): K8sError {
  return badRequest(`${k.kind} in version "${k.version}" cannot be handled as a ${k.kind}: ${detail}`);
}

/**
 * Decodes a create or update body as the apiserver does: a value of the
 * wrong type is 400 BadRequest; unknown fields are dropped, and reported as
 * warnings (Warn), an error (Strict) or not at all (Ignore).
 */
export function decodeObject(k: KindInfo, body: unknown, mode: FieldValidation, opts: { prune?: boolean } = {}): DecodeResult {
  const schema = schemaOf(k);
  if (!schema || jsonKind(body) !== 'object') return { warnings: [] };
  const found: Found = { unknown: [] };
  walk(body, schema, '', k.kind, found, false);
  if (found.typeError) {
    const t = found.typeError;
    throw cannotHandle(k, `json: cannot unmarshal ${t.got} into Go struct field ${t.parent}.${t.path} of type ${t.want}`);
  }
  const unknown = [...new Set(found.unknown)];
  if (unknown.length && mode === 'Strict') {
    const list = unknown.map((f) => `unknown field "${f}"`);
    throw cannotHandle(k, `strict decoding error: ${list.join(', ')}`);
  }
  if (opts.prune !== false) walk(body, schema, '', k.kind, { unknown: [] }, true);
  return { warnings: mode === 'Warn' ? unknown.map((f) => `unknown field "${f}"`) : [] };
}
