import DEFS from './definitions.json';
import type { KindInfo } from '../kinds';

/** One OpenAPI schema node, as definitions.json holds it. */
export interface Schema {
  description?: string;
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
  required?: string[];
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

export const KUBERNETES_VERSION: string = DEFS.kubernetes;
export const DEFINITIONS = DEFS.definitions as unknown as Record<string, Schema>;

/** The definition a `$ref` names (or the node itself), with the referring node's patch extensions kept. */
export function resolve(s: Schema | undefined): Schema | undefined {
  if (!s?.$ref) return s;
  return DEFINITIONS[s.$ref.slice('#/definitions/'.length)];
}

const byGvk = new Map<string, string>();
for (const [name, def] of Object.entries(DEFINITIONS)) {
  for (const g of def['x-kubernetes-group-version-kind'] ?? []) byGvk.set(`${g.group}/${g.version}/${g.kind}`, name);
}

/** The definition name of a served kind: "io.k8s.api.apps.v1.Deployment". */
export function definitionName(k: Pick<KindInfo, 'group' | 'version' | 'kind'>): string | undefined {
  return byGvk.get(`${k.group}/${k.version}/${k.kind}`);
}

export function schemaOf(k: Pick<KindInfo, 'group' | 'version' | 'kind'>): Schema | undefined {
  const n = definitionName(k);
  return n ? DEFINITIONS[n] : undefined;
}

/** The Go type name the apiserver's decoding errors use: "DeploymentSpec". */
export function goTypeName(s: Schema | undefined): string {
  const ref = s?.$ref;
  return ref ? ref.slice(ref.lastIndexOf('.') + 1) : '';
}
