/** Cores with up to two decimals ("0.75", "4"). */
export function cores(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Bytes in binary units, one decimal ("8 Gi", "256 Mi"). */
export function bytes(n: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Math.round(v * 10) / 10}${units[i] ? ` ${units[i]}` : ''}`;
}

/** requested / allocatable as a percentage, 0 when nothing is allocatable. */
export function share(requested: number, allocatable: number): number {
  return allocatable > 0 ? Math.round((requested / allocatable) * 100) : 0;
}
