import { Invalid } from '@/lib/errors';

type Req =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Splits on commas outside parentheses: `a in (x,y),b` is two requirements. */
function terms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/**
 * A Kubernetes label selector (`k=v`, `k==v`, `k!=v`, `k`, `!k`,
 * `k in (a,b)`, `k notin (a,b)`) as a predicate over labels. A term that
 * does not parse is an Invalid naming `label`, as the apiserver refuses it.
 */
export function labelPredicate(selector: string): (labels: Record<string, string>) => boolean {
  const reqs: Req[] = terms(selector).map((t) => {
    let m = /^!\s*(\S+)$/.exec(t);
    if (m && KEY.test(m[1])) return { key: m[1], op: '!exists' };
    m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(t);
    if (m && KEY.test(m[1])) return { key: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] };
    m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t);
    if (m && KEY.test(m[1])) return { key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) };
    if (KEY.test(t)) return { key: t, op: 'exists' };
    throw new Invalid({ label: `unable to parse requirement: "${t}"` });
  });
  return (labels) => reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'exists': return has;
      case '!exists': return !has;
      case '=': return labels[r.key] === r.value;
      case '!=': return labels[r.key] !== r.value;
      case 'in': return has && r.values.includes(labels[r.key]);
      case 'notin': return !has || !r.values.includes(labels[r.key]);
    }
  });
}
