/**
 * How a simulated container behaves once started. Nothing runs, so the
 * command decides: `false`, `exit N` (N > 0) crash after a second; `true` and
 * `exit 0` finish after a second; `sleep N` finishes after N seconds. With
 * restartPolicy Never or OnFailure (Jobs), any other command finishes with 0
 * after a second, since batch containers end. Everything else runs until deleted.
 */
export interface SimulatedExit {
  afterMs: number;
  exitCode: number;
}

interface ContainerSpec {
  command?: unknown;
  args?: unknown;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function simulatedExit(c: ContainerSpec, restartPolicy: string): SimulatedExit | null {
  const argv = [...strings(c.command), ...strings(c.args)];
  if (!argv.length) return null;
  const line = argv.join(' ');
  const first = argv[0].split('/').pop();
  if (first === 'false') return { afterMs: 1000, exitCode: 1 };
  if (first === 'true') return { afterMs: 1000, exitCode: 0 };
  const exit = /\bexit\s+([0-9]+)/.exec(line);
  if (exit) return { afterMs: 1000, exitCode: Number(exit[1]) % 256 };
  const sleep = /\bsleep\s+([0-9]+)\b/.exec(line);
  if (sleep) return { afterMs: Number(sleep[1]) * 1000, exitCode: 0 };
  if (restartPolicy === 'Never' || restartPolicy === 'OnFailure') return { afterMs: 1000, exitCode: 0 };
  return null;
}

/** Back-off between image pulls and between restarts: 10 s doubling, at most 5 minutes (the kubelet's). */
export function backOffMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 300_000);
}
