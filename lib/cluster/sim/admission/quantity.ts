/** Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G") as numbers in the base unit. */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** NaN when `v` is not a quantity. */
export function parseQuantity(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|n|u|m|k|M|G|T|P|E)?$/.exec(v.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return n * DECIMAL[suffix];
}

/** Rounds away float noise from sums of milli-quantities. */
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * A quantity as the apiserver prints it in quota messages: CPU-like values in
 * millis when fractional ("500m"), byte values in the largest binary unit that
 * divides them ("1Gi"), else plain.
 */
export function formatQuantity(resource: string, v: number): string {
  const x = tidy(v);
  const bytes = /memory|storage/.test(resource);
  if (bytes && x >= 1024 && Number.isInteger(x)) {
    for (const [suffix, size] of Object.entries(BINARY).reverse()) if (x % size === 0) return `${x / size}${suffix}`;
  }
  if (Number.isInteger(x)) return String(x);
  const milli = tidy(x * 1000);
  return Number.isInteger(milli) ? `${milli}m` : String(x);
}
