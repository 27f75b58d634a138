import path from 'node:path';

/**
 * `npm start`'s command (package.json "start") as arguments to node, for the
 * specs and benchmarks that start a Pier of their own: one node process with
 * tsx loaded into it, so a signal reaches Pier itself. With
 * PIER_BENCH_CPU_PROF=<dir> the process's threads write V8 CPU profiles
 * there when it stops (Node refuses --cpu-prof in NODE_OPTIONS, so it goes
 * here).
 */
export function pierStartArgs(env: Record<string, string | undefined> = process.env): string[] {
  const prof = env.PIER_BENCH_CPU_PROF;
  return [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(prof)}`] : []), '--import', 'tsx', 'lib/tooling/start.ts'];
}
