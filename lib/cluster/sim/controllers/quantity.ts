/**
 * Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G", "2e3") as
 * numbers: CPU in millicores, everything else in base units.
 */
const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

export function parseQuantity(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/.exec(v.trim());
  if (!m || !(m[2] in SUFFIX)) return 0;
  return Number(m[1]) * SUFFIX[m[2]];
}

/** CPU in millicores: "500m" → 500, "2" → 2000. */
export function milliCpu(v: unknown): number {
  return Math.round(parseQuantity(v) * 1000);
}

export interface Resources {
  cpu: number; // millicores
  memory: number; // bytes
  pods: number;
  other: Record<string, number>;
}

export const noResources = (): Resources => ({ cpu: 0, memory: 0, pods: 0, other: {} });

export function resourcesOf(list: unknown): Resources {
  const r = noResources();
  if (!list || typeof list !== 'object') return r;
  for (const [k, v] of Object.entries(list as Record<string, unknown>)) {
    if (k === 'cpu') r.cpu = milliCpu(v);
    else if (k === 'memory') r.memory = parseQuantity(v);
    else if (k === 'pods') r.pods = parseQuantity(v);
    else r.other[k] = parseQuantity(v);
  }
  return r;
}

export function addResources(a: Resources, b: Resources): Resources {
  const other = { ...a.other };
  for (const [k, v] of Object.entries(b.other)) other[k] = (other[k] ?? 0) + v;
  return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory, pods: a.pods + b.pods, other };
}
