import type { KindInfo } from './kinds';
import type { FieldProblem } from './status';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const LABEL_TEXT =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_TEXT =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** Kinds whose names must be DNS-1123 labels (they become DNS names or label values). */
const LABEL_NAMED = new Set(['namespaces', 'services']);

/** Problems with `name` under Kubernetes' naming rules for this kind; empty when it is fine. */
export function nameProblems(k: Pick<KindInfo, 'plural'>, name: string, field = 'metadata.name'): FieldProblem[] {
  const v = JSON.stringify(name);
  if (LABEL_NAMED.has(k.plural)) {
    const out: FieldProblem[] = [];
    if (name.length > 63) out.push({ field, message: `Invalid value: ${v}: must be no more than 63 characters` });
    if (!LABEL.test(name)) out.push({ field, message: `Invalid value: ${v}: ${LABEL_TEXT}` });
    return out;
  }
  const out: FieldProblem[] = [];
  if (name.length > 253) out.push({ field, message: `Invalid value: ${v}: must be no more than 253 characters` });
  if (!SUBDOMAIN.test(name)) out.push({ field, message: `Invalid value: ${v}: ${SUBDOMAIN_TEXT}` });
  return out;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** metadata.labels: qualified-name keys (optional DNS prefix), values of at most 63 label characters. */
export function labelProblems(labels: unknown): FieldProblem[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    return [{ field: 'metadata.labels', message: 'Invalid value: must be a map of strings' }];
  }
  const out: FieldProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : '';
    const local = slash >= 0 ? key.slice(slash + 1) : key;
    if ((slash >= 0 && (!SUBDOMAIN.test(prefix) || prefix.length > 253)) || local.length > 63 || !QUALIFIED_NAME.test(local)) {
      out.push({ field: 'metadata.labels', message: `Invalid value: ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character` });
    }
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      out.push({ field: 'metadata.labels', message: `Invalid value: ${JSON.stringify(value)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character` });
    }
  }
  return out;
}
