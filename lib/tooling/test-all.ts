/**
 * `npm test`: lint, typecheck, unit, integration (PGlite, then PostgreSQL when
 * TEST_DATABASE_URL is set) and Playwright, every step run even after a
 * failure, ending with one line: "N passed, N failed[, N skipped]".
 * Lint and typecheck count as one test each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

interface Step {
  name: string;
  run(): Tally;
}

const root = process.cwd();
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pier-test-all-'));
const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };

function exec(cmd: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv }, cwd: root });
  if (r.error) console.error(`test-all: could not run ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

/** A check that is one test: it passed or it failed. */
function single(cmd: string, args: string[]): () => Tally {
  return () => (exec(cmd, args) === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** When a runner failed without any failed test to show for it (a crash, a file that would not load), count one failure. */
function withExit(t: Tally, code: number): Tally {
  return code !== 0 && t.failed === 0 ? { ...t, failed: t.failed + 1 } : t;
}

function vitest(project: string, extraEnv: Record<string, string> = {}): () => Tally {
  return () => {
    const out = path.join(tmp, `vitest-${project}.json`);
    const code = exec(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], extraEnv);
    const r = readJson<{
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: { status: string; assertionResults: { status: string }[] }[];
    }>(out);
    if (!r) return { passed: 0, failed: 1, skipped: 0 };
    // A file that failed with no failed test in it (it would not load, or a hook threw) is one failure.
    const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    return withExit({ passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles, skipped: r.numPendingTests + r.numTodoTests }, code);
  };
}

function playwright(): Tally {
  const out = path.join(tmp, 'playwright.json');
  const code = exec(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json', '--pass-with-no-tests'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    PLAYWRIGHT_JSON_OUTPUT_FILE: out,
  });
  const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] }>(out);
  if (!r) return { passed: 0, failed: 1, skipped: 0 };
  const s = r.stats;
  return withExit({ passed: s.expected + s.flaky, failed: s.unexpected + (r.errors?.length ?? 0), skipped: s.skipped }, code);
}

const steps: Step[] = [
  { name: 'lint', run: single(bin('eslint'), ['.']) },
  { name: 'typecheck', run: single(bin('tsc'), ['--noEmit']) },
  { name: 'unit', run: vitest('unit') },
  { name: 'integration (PGlite)', run: vitest('integration') },
];
if (process.env.TEST_DATABASE_URL) {
  steps.push({ name: 'integration (PostgreSQL)', run: vitest('integration-pg') });
} else {
  console.log('test-all: TEST_DATABASE_URL is not set; the PostgreSQL integration run is left out');
}
if (process.env.PIER_TEST_SKIP_E2E !== 'true') steps.push({ name: 'e2e (Playwright)', run: playwright });

const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const report: string[] = [];
const t0 = Date.now();
for (const step of steps) {
  console.log(`\n=== test-all: ${step.name}`);
  const started = Date.now();
  const t = step.run();
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  report.push(`  ${step.name.padEnd(26)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(3)} failed ${String(t.skipped).padStart(3)} skipped  ${secs.padStart(6)} s`);
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
}
if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });

console.log('\ntest-all: steps');
for (const line of report) console.log(line);
console.log(`  total time ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exitCode = total.failed > 0 ? 1 : 0;
