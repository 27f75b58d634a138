import type { YamlIssue } from '@/components/yaml/diagnostics';

export interface PlacedErrors {
  /** Form paths (as the form names them) and their messages. */
  fields: Record<string, string>;
  /** Messages about whole Kubernetes objects (the OpenAPI check names `Kind/name`), for the YAML tab. */
  objects: { kind: string; name: string; path: string[]; message: string }[];
  /** Everything else, shown above the form. */
  rest: string[];
}

const ACTION_FIELD: Record<string, string> = { access_modes: 'access_mode' };

/**
 * An ECNS 400's `field: message` parts → where the editor shows them. A
 * create names fields under `workloads.0.`; a PATCH action names its body's
 * fields (`access_modes.0…` is the form's `access_mode.0…`); the OpenAPI
 * check names the object (`Deployment/web`) and puts the field path first
 * in its message when it has one.
 */
export function placeServerErrors(fields: Record<string, string>): PlacedErrors {
  const out: PlacedErrors = { fields: {}, objects: [], rest: [] };
  for (const [key, message] of Object.entries(fields)) {
    const obj = /^([A-Z][A-Za-z]+)\/([a-z0-9.-]+)$/.exec(key);
    if (obj) {
      const at = /^([A-Za-z0-9_.[\]]+): (.*)$/s.exec(message);
      const path = at ? at[1].replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean) : [];
      out.objects.push({ kind: obj[1], name: obj[2], path, message });
      continue;
    }
    const stripped = key.replace(/^workloads\.\d+\./, '');
    const [head, ...tail] = stripped.split('.');
    const formKey = [ACTION_FIELD[head] ?? head, ...tail].join('.');
    if (/^(workload_base|containers|volumes|access_mode|labels|update_strategy|scale_strategy|scheduler_strategy|network|runtime_class_name|application_name)\b/.test(formKey)) out.fields[formKey] = message;
    else out.rest.push(`${key}: ${message}`);
  }
  return out;
}

/** The object errors as YAML issues: each in the document of its object. */
export function objectIssues(objects: PlacedErrors['objects'], docs: readonly unknown[]): YamlIssue[] {
  return objects.map((o) => {
    const doc = docs.findIndex((d) => (d as { kind?: string; metadata?: { name?: string } } | null)?.kind === o.kind && (d as { metadata?: { name?: string } }).metadata?.name === o.name);
    return { doc: Math.max(0, doc), path: o.path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: o.message };
  });
}
