import { createHash } from 'node:crypto';
import { groupVersions, KINDS, type KindInfo } from '../kinds';
import { DEFINITIONS, KUBERNETES_VERSION, type Schema } from './schemas';

/** "api/v1" or "apis/apps/v1": how /openapi/v3 names a group version. */
export function gvPath(g: { group: string; version: string }): string {
  return g.group ? `apis/${g.group}/${g.version}` : `api/${g.version}`;
}

/** A v2 schema node in v3 form: component refs, and a ref with siblings wrapped in allOf as the apiserver does. */
function toV3(s: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, ps]) => [p, toV3(ps)]));
    else if (k === 'items' || k === 'additionalProperties') out[k] = toV3(v as Schema);
    else out[k] = v;
  }
  if (s.$ref) {
    const ref = { $ref: s.$ref.replace('#/definitions/', '#/components/schemas/') };
    if (Object.keys(out).length === 0) return ref;
    out.allOf = [ref];
  }
  return out;
}

const QUERY = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });
const WRITE_PARAMS = [
  QUERY('dryRun', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed'),
  QUERY('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  QUERY('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or '
    + 'duplicate fields. Valid values are: - Ignore - Warn (default) - Strict'),
];

function operation(k: KindInfo, action: string, params: unknown[]) {
  return {
    description: `${action} the specified ${k.kind}`,
    operationId: `${action}${k.kind}`,
    parameters: params,
    responses: { 200: { description: 'OK' }, 401: { description: 'Unauthorized' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: k.group, version: k.version, kind: k.kind },
  };
}

function pathsOf(gv: { group: string; version: string }) {
  const paths: Record<string, unknown> = {};
  for (const k of KINDS.filter((x) => x.group === gv.group && x.version === gv.version)) {
    const base = `/${gvPath(k)}/${k.namespaced ? 'namespaces/{namespace}/' : ''}${k.plural}`;
    paths[base] = { post: operation(k, 'post', WRITE_PARAMS), get: operation(k, 'list', []) };
    paths[`${base}/{name}`] = {
      get: operation(k, 'get', []),
      put: operation(k, 'put', WRITE_PARAMS),
      patch: operation(k, 'patch', [...WRITE_PARAMS, QUERY('force', 'Force is going to "force" Apply requests.')]),
      delete: operation(k, 'delete', [QUERY('dryRun', 'When present, indicates that modifications should not be persisted.')]),
    };
  }
  return paths;
}

let components: Record<string, unknown> | null = null;
const docs = new Map<string, string>();

/** The OpenAPI v3 document of one group version, as JSON text (every definition is included: kinds refer across groups). */
export function openapiV3Document(gv: { group: string; version: string }): string | null {
  if (!KINDS.some((k) => k.group === gv.group && k.version === gv.version)) return null;
  const key = gvPath(gv);
  let text = docs.get(key);
  if (!text) {
    components ??= Object.fromEntries(Object.entries(DEFINITIONS).map(([n, s]) => [n, toV3(s)]));
    text = JSON.stringify({
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
      paths: pathsOf(gv),
      components: { schemas: components },
    });
    docs.set(key, text);
  }
  return text;
}

export function documentHash(gv: { group: string; version: string }): string {
  return createHash('sha512').update(openapiV3Document(gv) ?? '').digest('hex').slice(0, 128).toUpperCase();
}

/**
 * /openapi/v3: where each group version's document is. Clients resolve
 * serverRelativeURL against the server's host, not its path, so the URLs
 * carry the /k8s/<cluster> prefix.
 */
export function openapiV3Index(prefix: string) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions()) paths[gvPath(gv)] = { serverRelativeURL: `${prefix}/openapi/v3/${gvPath(gv)}?hash=${documentHash(gv)}` };
  return { paths };
}
