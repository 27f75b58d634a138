/**
 * Label selectors as Kubernetes writes them (`a=b,c!=d,e in (f,g),h,!i`),
 * for a deployment's `cluster` (which clusters) and `nodeLabel` (which
 * nodes). Client-safe: the form checks them as you type.
 */
export type Requirement =
  | { key: string; op: 'In' | 'NotIn'; values: string[] }
  | { key: string; op: 'Exists' | 'DoesNotExist' };

const NAME = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const KEY = `(?:(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*)/)?${NAME}`;
const VALUE = `(?:${NAME})?`;
const EQ = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

export class SelectorError extends Error {}

function terms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim());
}

/** Parses a selector; an empty one selects everything. Throws SelectorError saying which term is wrong. */
export function parseSelector(text: string): Requirement[] {
  if (!text.trim()) return [];
  if (text.length > 1024) throw new SelectorError('at most 1024 characters');
  return terms(text).map((t): Requirement => {
    let m = EQ.exec(t);
    if (m) {
      if (m[1].split('/').pop()!.length > 63 || m[1].length > 316) throw new SelectorError(`label key "${m[1]}" is too long`);
      return { key: m[1], op: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]] };
    }
    m = SET.exec(t);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim());
      if (values.some((v) => !VALUE_ONLY.test(v))) throw new SelectorError(`"${t}": a value is not a label value`);
      return { key: m[1], op: m[2] === 'in' ? 'In' : 'NotIn', values };
    }
    m = EXISTS.exec(t);
    if (m) return { key: m[2], op: m[1] ? 'DoesNotExist' : 'Exists' };
    throw new SelectorError(`"${t}" is not a label selector term (key=value, key!=value, key in (a,b), key, !key)`);
  });
}

export function matches(reqs: Requirement[], labels: Record<string, string>): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'In': return has && r.values.includes(labels[r.key]);
      case 'NotIn': return !has || !r.values.includes(labels[r.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
    }
  });
}

/**
 * Pods' placement for a node selector: `key=value` terms become
 * `nodeSelector`; anything else (`!=`, `in`, `notin`, existence) a required
 * node affinity term, which Kubernetes ANDs with the nodeSelector.
 */
export function placementOf(reqs: Requirement[]): { nodeSelector?: Record<string, string>; affinity?: Record<string, unknown> } {
  const nodeSelector: Record<string, string> = {};
  const exprs: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.op === 'In' && r.values.length === 1 && !(r.key in nodeSelector)) nodeSelector[r.key] = r.values[0];
    else exprs.push('values' in r ? { key: r.key, operator: r.op, values: r.values } : { key: r.key, operator: r.op });
  }
  const out: { nodeSelector?: Record<string, string>; affinity?: Record<string, unknown> } = {};
  if (Object.keys(nodeSelector).length) out.nodeSelector = nodeSelector;
  if (exprs.length) out.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] } } };
  return out;
}
