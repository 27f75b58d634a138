/**
 * A lock over one directory, for the index and the blob store: an in-process
 * queue (one Pier process may run several imports) plus a lock file created
 * with O_EXCL, so several processes sharing one PIER_DATA_DIR take turns too.
 * A holder refreshes the file's mtime; a file left by a crashed process goes
 * stale and is taken over.
 */
import { open, stat, unlink, utimes } from 'node:fs/promises';

const STALE_MS = 60_000;
const REFRESH_MS = 10_000;
const RETRY_MS = 20;

const queues = new Map<string, Promise<unknown>>();

async function acquire(file: string): Promise<void> {
  for (;;) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    try {
      const s = await stat(file);
      if (Date.now() - s.mtimeMs > STALE_MS) await unlink(file).catch(() => {});
    } catch {
      // released meanwhile: try again at once
      continue;
    }
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

export function withDirLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(lockFile) ?? Promise.resolve();
  const run = prev.catch(() => {}).then(async () => {
    await acquire(lockFile);
    const timer = setInterval(() => {
      const now = new Date();
      utimes(lockFile, now, now).catch(() => {});
    }, REFRESH_MS);
    timer.unref();
    try {
      return await fn();
    } finally {
      clearInterval(timer);
      await unlink(lockFile).catch(() => {});
    }
  });
  queues.set(lockFile, run);
  void run.finally(() => {
    if (queues.get(lockFile) === run) queues.delete(lockFile);
  }).catch(() => {});
  return run;
}
