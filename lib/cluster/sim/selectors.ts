import { sql, type SQL } from 'drizzle-orm';
import { k8sObjects } from '@/db/schema';
import type { KindInfo } from './kinds';
import { badRequest } from './status';

/** One requirement of a label selector. */
export type LabelRequirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

const KEY = String.raw`[A-Za-z0-9](?:[-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const VALUE = String.raw`(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

/** Splits on commas outside parentheses. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim());
}

/** Parses a labelSelector query parameter: =, ==, !=, in, notin, exists, !exists. */
export function parseLabelSelector(selector: string | null | undefined): LabelRequirement[] {
  if (!selector || !selector.trim()) return [];
  return terms(selector).map((term) => {
    let m = EQUALITY.exec(term);
    if (m) return { key: m[1], op: m[2] === '!=' ? 'neq' : 'eq', value: m[3] };
    m = SET.exec(term);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim());
      if (values.some((v) => !VALUE_ONLY.test(v))) throw badRequest(`unable to parse requirement: invalid label value in ${JSON.stringify(term)}`);
      return { key: m[1], op: m[2] as 'in' | 'notin', values };
    }
    m = EXISTS.exec(term);
    if (m) return { key: m[2], op: m[1] ? 'notexists' : 'exists' };
    throw badRequest(`unable to parse requirement: ${JSON.stringify(term)} is not a valid label selector requirement`);
  });
}

export function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'eq': return has && l[r.key] === r.value;
      case 'neq': return !has || l[r.key] !== r.value;
      case 'in': return has && r.values.includes(l[r.key]);
      case 'notin': return !has || !r.values.includes(l[r.key]);
      case 'exists': return has;
      case 'notexists': return !has;
    }
  });
}

const contains = (key: string, value: string) => sql`${k8sObjects.labels} @> ${JSON.stringify({ [key]: value })}::jsonb`;

/** The selector as SQL over k8s_objects; equality and set terms use the labels GIN index (@>). */
export function labelSelectorSql(reqs: LabelRequirement[]): SQL[] {
  return reqs.map((r) => {
    switch (r.op) {
      case 'eq': return contains(r.key, r.value);
      case 'neq': return sql`not (${contains(r.key, r.value)})`;
      case 'in': return sql`(${sql.join(r.values.map((v) => contains(r.key, v)), sql` or `)})`;
      case 'notin': return sql`not (${sql.join(r.values.map((v) => contains(r.key, v)), sql` or `)})`;
      case 'exists': return sql`(${k8sObjects.labels} ->> ${r.key}) is not null`;
      case 'notexists': return sql`(${k8sObjects.labels} ->> ${r.key}) is null`;
    }
  });
}

export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
/** Per resource, the fields the real apiserver lets a fieldSelector name (a subset). */
const FIELDS: Record<string, string[]> = {
  pods: ['status.phase', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.podIP'],
  events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
    'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'source', 'type'],
  namespaces: ['status.phase'],
  nodes: ['spec.unschedulable'],
  secrets: ['type'],
  jobs: ['status.successful'],
  replicasets: ['status.replicas'],
};

export function parseFieldSelector(k: Pick<KindInfo, 'plural'>, selector: string | null | undefined): FieldRequirement[] {
  if (!selector || !selector.trim()) return [];
  const allowed = new Set([...COMMON_FIELDS, ...(FIELDS[k.plural] ?? [])]);
  return selector.split(',').map((raw) => {
    const term = raw.trim();
    const m = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: ${JSON.stringify(term)}; can't understand it`);
    if (!allowed.has(m[1])) throw badRequest(`field label not supported: ${m[1]}`);
    return { field: m[1], op: m[2] === '!=' ? 'neq' : 'eq', value: m[3].trim() };
  });
}

function fieldValue(body: Record<string, unknown>, path: string): string {
  let cur: unknown = body;
  for (const p of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

export function matchesFields(reqs: FieldRequirement[], body: Record<string, unknown>): boolean {
  return reqs.every((r) => (fieldValue(body, r.field) === r.value) === (r.op === 'eq'));
}

export function fieldSelectorSql(reqs: FieldRequirement[]): SQL[] {
  return reqs.map((r) => {
    const lhs = r.field === 'metadata.name' ? sql`${k8sObjects.name}`
      : r.field === 'metadata.namespace' ? sql`${k8sObjects.namespace}`
        : sql`coalesce(${k8sObjects.body} #>> ${`{${r.field.split('.').join(',')}}`}::text[], '')`;
    return r.op === 'eq' ? sql`${lhs} = ${r.value}` : sql`${lhs} <> ${r.value}`;
  });
}
