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

/** Every process now (Linux /proc): the fields of its /proc/<pid>/stat after the command name (parent pid first). */
function processStats(): Map<number, string[]> {
  const stats = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      stats.set(Number(entry), stat.slice(stat.lastIndexOf(')') + 2).split(' '));
    } catch {
      // the process ended meanwhile
    }
  }
  return stats;
}

/** A process and its descendants, each with its stat fields (see processStats). */
function processTree(rootPid: number): Array<[number, string[]]> {
  const stats = processStats();
  const children = new Map<number, number[]>();
  for (const [pid, f] of stats) children.set(Number(f[1]), [...(children.get(Number(f[1])) ?? []), pid]);
  const tree: Array<[number, string[]]> = [];
  const walk = (pid: number) => {
    const f = stats.get(pid);
    if (f) tree.push([pid, f]);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(rootPid);
  return tree;
}

/** Resident memory of a process and its descendants, in MiB (Linux /proc). */
export function treeRssMiB(rootPid: number): number {
  let kib = 0;
  for (const [pid] of processTree(rootPid)) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kib / 1024);
}

/** User + system CPU of a process and its descendants so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function treeCpuMs(rootPid: number): number {
  return processTree(rootPid).reduce((sum, [, f]) => sum + Number(f[11]) + Number(f[12]), 0) * 10;
}

/** The machine's CPU time so far, in clock ticks, from /proc/stat's first line: in use, idle (and waiting for I/O), and stolen by the hypervisor. */
export interface CpuTicks { busy: number; idle: number; steal: number }

export function parseProcStat(text: string): CpuTicks {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no cpu line');
  // user nice system idle iowait irq softirq steal (guest time is inside user already)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal: steal ?? 0 };
}

export const machineCpu = (): CpuTicks => parseProcStat(readFileSync('/proc/stat', 'utf8'));

/** Shares (%) of every core's time between two readings: in use by any process, idle, stolen by the hypervisor (a VM's vCPU given to others). */
export function cpuShares(a: CpuTicks, b: CpuTicks): { busyPct: number; idlePct: number; stealPct: number } {
  const d = { busy: b.busy - a.busy, idle: b.idle - a.idle, steal: b.steal - a.steal };
  const all = d.busy + d.idle + d.steal;
  const pct = (n: number) => (all > 0 ? Math.round((n / all) * 100) : 0);
  return { busyPct: pct(d.busy), idlePct: pct(d.idle), stealPct: pct(d.steal) };
}
