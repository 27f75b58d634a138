import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system) used so far by a process and its descendants, in
 * ms (Linux /proc; clock ticks of 10 ms). On a machine shared with other
 * work, wall-clock latencies mostly say how long a process waited for a
 * core; the CPU a request costs the server does not depend on that wait, so
 * comparing it between variants holds even under load.
 */
export function treeCpuMs(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15), 1-based over the whole line.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  const walk = (pid: number) => {
    const s = stats.get(pid);
    if (!s) return;
    ticks += s.ticks;
    for (const [child, c] of stats) if (c.ppid === pid) walk(child);
  };
  walk(rootPid);
  return ticks * 10;
}

/**
 * CPU time used so far by the PostgreSQL backends serving `database` on this
 * machine (their process titles name it), in ms. Backends that end between
 * two samples take their time with them: Pier's pool keeps its connections,
 * so over a bench case this is close.
 */
export function databaseCpuMs(database: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10;
}
