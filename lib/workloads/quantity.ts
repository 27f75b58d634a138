import { parseQuantity } from '@/lib/cluster/quantity';

/** ECNS cpu (cores, a float) → a Kubernetes quantity: "2", "500m". */
export function cpuQuantity(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** ECNS memory (MiB, a whole number) → "512Mi". */
export const memoryQuantity = (mib: number): string => `${mib}Mi`;

/** A Kubernetes cpu quantity → cores, to the millicore. */
export const cpuCores = (q: string | number): number => Math.round(parseQuantity(q) * 1000) / 1000;

/** A Kubernetes memory quantity → whole MiB (rounded: "1G" is 954). */
export const memoryMiB = (q: string | number): number => Math.round(parseQuantity(q) / 2 ** 20);
