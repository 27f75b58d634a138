import type { KindInfo } from '../kinds';
import type { K8sObject } from '../objects';
import { invalid, type FieldProblem } from '../status';
import { applyDefaults } from './defaults';
import { resolve, schemaOf, type Schema } from './schemas';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Fields the schemas mark required but the apiserver fills or does not insist on. */
const NOT_ENFORCED = new Set(['metadata']);

/** Required fields, from the schema, at every level of the object. */
function requiredProblems(v: unknown, s: Schema | undefined, path: string, out: FieldProblem[]): void {
  const def = resolve(s);
  if (!def) return;
  if (Array.isArray(v)) {
    v.forEach((item, i) => requiredProblems(item, def.items, `${path}[${i}]`, out));
    return;
  }
  if (!isObj(v)) return;
  for (const r of def.required ?? []) {
    if (NOT_ENFORCED.has(r)) continue;
    if (v[r] === undefined || v[r] === null || v[r] === '') {
      out.push({ field: path ? `${path}.${r}` : r, reason: 'FieldValueRequired', message: 'Required value' });
    }
  }
  for (const [key, child] of Object.entries(v)) {
    // Status is the controllers' report, not checked field by field here (nodeInfo's IDs are "required").
    if (path === '' && key === 'status') continue;
    const ps = def.properties?.[key] ?? def.additionalProperties;
    if (ps) requiredProblems(child, ps, path ? `${path}.${key}` : key, out);
  }
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v));

function portProblem(v: unknown, field: string, out: FieldProblem[]) {
  if (typeof v === 'number' && (v < 1 || v > 65535)) out.push({ field, message: `Invalid value: ${v}: must be between 1 and 65535, inclusive` });
}

function containerProblems(containers: unknown, path: string, out: FieldProblem[], required: boolean): void {
  if (!Array.isArray(containers) || containers.length === 0) {
    if (required) out.push({ field: path, reason: 'FieldValueRequired', message: 'Required value' });
    return;
  }
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    if (!isObj(c)) return;
    const at = `${path}[${i}]`;
    if (typeof c.name === 'string' && c.name) {
      if (seen.has(c.name)) out.push({ field: `${at}.name`, reason: 'FieldValueDuplicate', message: `Duplicate value: ${show(c.name)}` });
      else if (!DNS1123_LABEL.test(c.name) || c.name.length > 63) {
        out.push({ field: `${at}.name`, message: `Invalid value: ${show(c.name)}: a lowercase RFC 1123 label must consist of lower case alphanumeric `
          + 'characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation '
          + 'is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')' });
      }
      seen.add(c.name);
    }
    if (c.image === undefined || c.image === null || (typeof c.image === 'string' && c.image.trim() === '')) {
      out.push({ field: `${at}.image`, reason: 'FieldValueRequired', message: 'Required value' });
    }
    if (Array.isArray(c.ports)) c.ports.forEach((p, j) => {
      if (!isObj(p)) return;
      portProblem(p.containerPort, `${at}.ports[${j}].containerPort`, out);
      if (p.hostPort !== undefined && p.hostPort !== 0) portProblem(p.hostPort, `${at}.ports[${j}].hostPort`, out);
    });
  });
}

function podSpecProblems(spec: unknown, path: string, out: FieldProblem[]): void {
  if (!isObj(spec)) return;
  containerProblems(spec.containers, `${path}.containers`, out, true);
  if (Array.isArray(spec.initContainers)) containerProblems(spec.initContainers, `${path}.initContainers`, out, false);
}

/** The restart policies a controller's pod template may have (after defaulting, which makes "" Always). */
function restartPolicyProblem(spec: unknown, path: string, allowed: string[], out: FieldProblem[]): void {
  if (!isObj(spec) || spec.restartPolicy === undefined || allowed.includes(String(spec.restartPolicy))) return;
  out.push({ field: `${path}.restartPolicy`, reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${show(spec.restartPolicy)}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}` });
}

function templateSpecOf(spec: unknown): unknown {
  return isObj(spec) && isObj(spec.template) ? spec.template.spec : undefined;
}

function labelsOf(v: unknown): Obj {
  return isObj(v) && isObj(v.metadata) && isObj(v.metadata.labels) ? v.metadata.labels : {};
}

function selectorMatches(selector: Obj, labels: Obj): boolean {
  for (const [k, v] of Object.entries(isObj(selector.matchLabels) ? selector.matchLabels : {})) if (labels[k] !== v) return false;
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!isObj(e)) continue;
    const key = String(e.key);
    const values = Array.isArray(e.values) ? e.values : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    if (e.operator === 'In' && !(has && values.includes(labels[key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function goMap(m: Obj): string {
  return `map[string]string{${Object.keys(m).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`;
}

/** apps/v1 workloads: replicas ≥ 0, a non-empty selector that the template's labels match, and a valid pod template. */
function workloadProblems(spec: unknown, out: FieldProblem[], opts: { replicas: boolean }): void {
  if (!isObj(spec)) return;
  if (opts.replicas && typeof spec.replicas === 'number' && spec.replicas < 0) {
    out.push({ field: 'spec.replicas', message: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` });
  }
  const sel = spec.selector;
  if (isObj(sel)) {
    const empty = !Object.keys(isObj(sel.matchLabels) ? sel.matchLabels : {}).length && !(Array.isArray(sel.matchExpressions) && sel.matchExpressions.length);
    if (empty) out.push({ field: 'spec.selector', message: 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment' });
    else if (isObj(spec.template) && !selectorMatches(sel, labelsOf(spec.template))) {
      out.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goMap(labelsOf(spec.template))}: \`selector\` does not match template \`labels\`` });
    }
  }
  if (isObj(spec.template)) podSpecProblems(spec.template.spec, 'spec.template.spec', out);
  restartPolicyProblem(templateSpecOf(spec), 'spec.template.spec', ['Always'], out);
  const strategy = spec.strategy;
  if (isObj(strategy) && strategy.type === 'Recreate' && strategy.rollingUpdate != null) {
    out.push({ field: 'spec.strategy.rollingUpdate', reason: 'FieldValueForbidden',
      message: 'Forbidden: may not be specified when strategy `type` is \'Recreate\'' });
  }
}

function serviceProblems(spec: unknown, out: FieldProblem[]): void {
  if (!isObj(spec) || !Array.isArray(spec.ports)) return;
  spec.ports.forEach((p, i) => {
    if (!isObj(p)) return;
    portProblem(p.port, `spec.ports[${i}].port`, out);
    if (typeof p.targetPort === 'number') portProblem(p.targetPort, `spec.ports[${i}].targetPort`, out);
    if (p.nodePort !== undefined && p.nodePort !== 0) portProblem(p.nodePort, `spec.ports[${i}].nodePort`, out);
  });
}

/**
 * The object checks the apiserver makes that catch common mistakes: required
 * fields (from the OpenAPI schema), containers and their names and images,
 * ports in range, replicas ≥ 0, workload selectors that match their templates.
 * 422 Invalid naming every field at fault.
 */
export function validateAgainstSchema(k: KindInfo, name: string, body: K8sObject): void {
  const schema = schemaOf(k);
  if (!schema) return;
  const out: FieldProblem[] = [];
  const spec = (body as Obj).spec;
  switch (`${k.group}/${k.kind}`) {
    case '/Pod': podSpecProblems(spec, 'spec', out); break;
    case 'apps/Deployment': case 'apps/ReplicaSet': case 'apps/StatefulSet': workloadProblems(spec, out, { replicas: true }); break;
    case 'apps/DaemonSet': workloadProblems(spec, out, { replicas: false }); break;
    case 'batch/Job':
      if (isObj(spec) && isObj(spec.template)) podSpecProblems(spec.template.spec, 'spec.template.spec', out);
      restartPolicyProblem(templateSpecOf(spec), 'spec.template.spec', ['OnFailure', 'Never'], out);
      break;
    case 'batch/CronJob': {
      const t = isObj(spec) && isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : undefined;
      if (isObj(t)) podSpecProblems(t.spec, 'spec.jobTemplate.spec.template.spec', out);
      if (isObj(t)) restartPolicyProblem(t.spec, 'spec.jobTemplate.spec.template.spec', ['OnFailure', 'Never'], out);
      break;
    }
    case '/Service': serviceProblems(spec, out); break;
  }
  requiredProblems(body, schema, '', out);
  const seen = new Set<string>();
  const unique = out.filter((p) => {
    const key = `${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length) throw invalid(k, name, unique);
}

/**
 * What the apiserver does to every object a client writes, in its order:
 * defaulting (in place: the caller stores the defaulted body), then
 * validation. `validateAgainstSchema` alone leaves the object untouched.
 */
export function admitObject(k: KindInfo, name: string, body: K8sObject): void {
  applyDefaults(k, body);
  validateAgainstSchema(k, name, body);
}
