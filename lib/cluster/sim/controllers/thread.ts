import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** How long a stop waits for the controllers to finish their turn before the thread is ended. */
const STOP_GRACE_MS = 10_000;
/** A thread that died is started again after this pause. */
const RESTART_MS = 1_000;

/**
 * Runs the simulated clusters' controllers in a worker thread of Pier's
 * process, so their turns (a resync of 50,000 pods is hundreds of
 * milliseconds of JavaScript) do not stand in line with the requests the
 * serving thread answers; on a machine with more than one core they run
 * beside them. Only with PostgreSQL: the thread opens its own pool, while
 * PGlite's single in-process connection cannot be shared across threads.
 * The entry is TypeScript, loaded through tsx's require hook as `npm start` is.
 */
export function startControllersThread(): { stop(): Promise<void> } {
  const entry = path.join(__dirname, 'thread-entry.ts');
  let worker: Worker | null = null;
  let stopping = false;
  const spawn = () => {
    const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, execArgv: [] });
    w.on('error', (err) => console.error('pier controllers thread:', err.message));
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = null;
      if (stopping) return;
      console.error(`pier controllers thread: exited with code ${code}; starting it again`);
      setTimeout(() => { if (!stopping) spawn(); }, RESTART_MS).unref();
    });
    worker = w;
  };
  spawn();
  return {
    async stop() {
      stopping = true;
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage('stop');
      const timer = setTimeout(() => void w.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
