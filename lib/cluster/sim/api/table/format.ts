/** Helpers the printers share, worded and rounded as kubectl's printers are. */

/** apimachinery's duration.HumanDuration: "45s", "3m20s", "5h", "2d3h", "400d". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const d = Math.floor(hours / 24) % 365;
    return d === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** The age of a timestamp, or "<unknown>" without one. */
export function age(ts: unknown, now: Date): string {
  if (typeof ts !== 'string' || !ts) return '<unknown>';
  const t = Date.parse(ts);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now.getTime() - t);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- printers read arbitrary object bodies */
export type Obj = Record<string, any>;

export const arr = <T = any>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
export const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
/* eslint-enable @typescript-eslint/no-explicit-any */

/** "<none>" for empty, as kubectl prints it. */
export const orNone = (s: string) => (s === '' ? '<none>' : s);

/** A label selector (matchLabels and matchExpressions) as text: "app=web,tier in (a,b)". */
export function selectorText(sel: unknown): string {
  const s = obj(sel);
  const parts = Object.entries(obj(s.matchLabels)).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${str(v)}`);
  for (const e of arr<Record<string, unknown>>(s.matchExpressions)) {
    const values = arr<string>(e.values).slice().sort().join(',');
    switch (e.operator) {
      case 'In': parts.push(`${str(e.key)} in (${values})`); break;
      case 'NotIn': parts.push(`${str(e.key)} notin (${values})`); break;
      case 'Exists': parts.push(str(e.key)); break;
      case 'DoesNotExist': parts.push(`!${str(e.key)}`); break;
    }
  }
  return parts.join(',');
}

/** A plain map selector (Services, DaemonSet node selectors) as "k=v,k2=v2", sorted. */
export function mapText(m: unknown): string {
  return Object.entries(obj(m)).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${str(v)}`).join(',');
}

/** Container names and images of a pod template, comma-joined. */
export function containersAndImages(podSpec: unknown): [string, string] {
  const cs = arr<Record<string, unknown>>(obj(podSpec).containers);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

/** kubectl joins long lists with "+ N more..." after a few items. */
export function listWithMore(items: string[], max = 3): string {
  if (items.length <= max) return items.join(',');
  return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
}
