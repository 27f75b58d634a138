import { readdirSync, readFileSync } from 'node:fs';

/** Helpers the benchmark scripts share: sample statistics and memory of a process tree. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** n, p50, p95, p99 and max of the samples, rounded to 0.1. */
export function percentiles(samples: number[]): Record<string, number> {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(s[s.length - 1]) };
}

/** Resident memory of a process and its descendants, in MiB (Linux /proc). */
export function treeRssMiB(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let kib = 0;
  const walk = (pid: number) => {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return;
    }
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(rootPid);
  return Math.round(kib / 1024);
}

/** User + system CPU of a process and its descendants so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function treeCpuMs(rootPid: number): number {
  const kids = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      kids.set(Number(f[1]), [...(kids.get(Number(f[1])) ?? []), Number(entry)]);
      ticks.set(Number(entry), Number(f[11]) + Number(f[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  let sum = 0;
  const walk = (pid: number) => {
    sum += ticks.get(pid) ?? 0;
    for (const c of kids.get(pid) ?? []) walk(c);
  };
  walk(rootPid);
  return sum * 10;
}
