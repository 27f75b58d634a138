import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '@/lib/cluster/adapter';
import { MAX_YAML_DOCUMENTS, RAW_KINDS, type RawKind } from '@/lib/dialects/ecns/yaml';
import { Invalid } from '@/lib/errors';
import { APPLICATION_LABEL } from './labels';

/** The YAML stream's objects (empty documents skipped); malformed YAML or a document that is not an object is a 400 naming `yaml`. */
export function parseObjects(text: string): KubeObject[] {
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs)) throw new Invalid({ yaml: 'not a YAML stream' });
  const out: KubeObject[] = [];
  for (const [i, d] of docs.entries()) {
    const where = docs.length > 1 ? `document ${i + 1}: ` : '';
    if (d.errors.length) throw new Invalid({ yaml: `${where}${d.errors[0].message}` });
    const v: unknown = d.toJS({ maxAliasCount: 100 });
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new Invalid({ yaml: `${where}a Kubernetes object (a mapping) expected` });
    out.push(v as KubeObject);
  }
  if (!out.length) throw new Invalid({ yaml: 'no object in the YAML' });
  if (out.length > MAX_YAML_DOCUMENTS) throw new Invalid({ yaml: `at most ${MAX_YAML_DOCUMENTS} objects` });
  return out;
}

/**
 * Checks one object against what the URL says, before anything is sent:
 * its kind and apiVersion, its name, its namespace (the current one, filled
 * in when absent; none for cluster-wide kinds). `at` prefixes field names
 * for the documents of an application.
 */
export function checkObject(o: KubeObject, want: { kinds: readonly RawKind[]; name?: string; namespace?: string; at?: string }): RawKind {
  const f = (field: string) => `${want.at ?? ''}${field}`;
  const kind = o.kind as RawKind;
  if (typeof o.kind !== 'string' || !want.kinds.includes(kind)) {
    throw new Invalid({ [f('kind')]: `"${String(o.kind ?? '')}" is not ${want.kinds.length === 1 ? `a ${want.kinds[0]}` : `one of ${want.kinds.join(', ')}`}` });
  }
  if (o.apiVersion !== RAW_KINDS[kind].apiVersion) throw new Invalid({ [f('apiVersion')]: `a ${kind} is read and written as ${RAW_KINDS[kind].apiVersion}` });
  const meta = o.metadata;
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) throw new Invalid({ [f('metadata')]: 'required' });
  if (typeof meta.name !== 'string' || !meta.name) throw new Invalid({ [f('metadata.name')]: 'required' });
  if (want.name !== undefined && meta.name !== want.name) throw new Invalid({ [f('metadata.name')]: `"${meta.name}" is not "${want.name}", the name in the URL` });
  if (RAW_KINDS[kind].namespaced) {
    if (meta.namespace !== undefined && meta.namespace !== want.namespace) {
      throw new Invalid({ [f('metadata.namespace')]: `"${String(meta.namespace)}" is not the current namespace "${want.namespace}"` });
    }
    meta.namespace = want.namespace;
  } else if (meta.namespace !== undefined) {
    throw new Invalid({ [f('metadata.namespace')]: `a ${kind} belongs to no namespace` });
  }
  return kind;
}

/** An application's workloads carry its label: added when missing, and a different one is refused (that is another application's). */
export function claimForApplication(o: KubeObject, application: string, at: string): void {
  const meta = o.metadata!;
  const labels = (meta.labels ?? {}) as Record<string, string>;
  if (labels[APPLICATION_LABEL] !== undefined && labels[APPLICATION_LABEL] !== application) {
    throw new Invalid({ [`${at}metadata.labels.${APPLICATION_LABEL}`]: `"${labels[APPLICATION_LABEL]}" is not "${application}", the application in the URL` });
  }
  meta.labels = { ...labels, [APPLICATION_LABEL]: application };
}
