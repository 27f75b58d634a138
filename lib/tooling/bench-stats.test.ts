import { describe, expect, it } from 'vitest';
import { cpuShares, parseProcStat } from './bench-stats';

// A /proc/stat as Linux writes it (2 vCPUs); fields: user nice system idle iowait irq softirq steal guest guest_nice.
const stat = (user: number, idle: number, steal: number) =>
  `cpu  ${user} 10 20 ${idle} 5 0 5 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

describe('machine CPU shares', () => {
  it('reads the all-cores line: busy = user+nice+system+irq+softirq, idle = idle+iowait, steal', () => {
    expect(parseProcStat(stat(100, 400, 30))).toEqual({ busy: 135, idle: 405, steal: 30 });
  });

  it('splits the time between two readings into in use, idle and stolen', () => {
    // 200 ticks: 100 busy, 60 idle, 40 stolen.
    expect(cpuShares(parseProcStat(stat(100, 400, 30)), parseProcStat(stat(200, 460, 70)))).toEqual({ busyPct: 50, idlePct: 30, stealPct: 20 });
  });

  it('refuses a file without the cpu line, and gives zeros for no time', () => {
    expect(() => parseProcStat('intr 1 2\n')).toThrow(/no cpu line/);
    const a = parseProcStat(stat(1, 1, 1));
    expect(cpuShares(a, a)).toEqual({ busyPct: 0, idlePct: 0, stealPct: 0 });
  });
});
