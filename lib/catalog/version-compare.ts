/**
 * Version order as a reader expects it: dotted numbers compare part by
 * part as numbers (1.9 < 1.10 < 2.0), a shorter version before its own
 * extensions (1.1 < 1.1.0). Client-safe: the pages sort with it too.
 *
 * ote versions are 2–4 numeric parts (lib/dialects/ote/app.ts), so the
 * fallback is for parts that are not plain numbers (a "1.0-rc1" someone
 * stored by other means): those parts compare as strings, and a numeric
 * part sorts before a non-numeric one at the same place.
 */
const NUMERIC = /^\d+$/;

export function compareVersions(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = comparePart(x[i], y[i]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

function comparePart(p: string, q: string): number {
  const pn = NUMERIC.test(p);
  const qn = NUMERIC.test(q);
  if (pn && qn) {
    // Compare as digit strings so that parts beyond 2^53 stay exact.
    const a = p.replace(/^0+(?=\d)/, '');
    const b = q.replace(/^0+(?=\d)/, '');
    if (a.length !== b.length) return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (pn !== qn) return pn ? -1 : 1;
  return p < q ? -1 : p > q ? 1 : 0;
}

/** Highest version first, as version lists show them. */
export const byVersionDesc = <T extends { version: string }>(a: T, b: T) => compareVersions(b.version, a.version);
