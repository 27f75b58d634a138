import type { FileHandle } from 'node:fs/promises';
import { nodeFsIo, type FsIo } from '../fs-io';

/** One finished file call: a flush (`sync`, `datasync`) of `path`, or a `rename` of `path` to `to`. */
export interface FsEvent {
  op: 'sync' | 'datasync' | 'rename' | 'mark';
  path: string;
  to?: string;
}

/**
 * The real node:fs calls, each recorded in `log` when it has finished, and
 * the most flushes ever in flight at once on one path. Not a mock: the
 * files are written and flushed for real; only the order is observed.
 * `failFlush` may turn a flush into the error it returns, after the flush
 * has run: a disk's write-back error cannot be caused here for real.
 */
export function recordingFsIo(opts: { failFlush?: (flush: { op: 'sync' | 'datasync'; path: string }) => Error | null } = {}): {
  io: FsIo;
  log: FsEvent[];
  mostFlushesAtOnce: (path: string) => number;
} {
  const log: FsEvent[] = [];
  const inFlight = new Map<string, number>();
  const most = new Map<string, number>();
  const flush = async (path: string, op: 'sync' | 'datasync', run: () => Promise<void>) => {
    const n = (inFlight.get(path) ?? 0) + 1;
    inFlight.set(path, n);
    most.set(path, Math.max(most.get(path) ?? 0, n));
    try {
      await run();
      const failure = opts.failFlush?.({ op, path });
      if (failure) throw failure;
      log.push({ op, path });
    } finally {
      inFlight.set(path, inFlight.get(path)! - 1);
    }
  };
  const io: FsIo = {
    async open(path, flags) {
      const fh = await nodeFsIo.open(path, flags);
      return new Proxy(fh, {
        get(target, key) {
          if (key === 'sync') return () => flush(path, 'sync', () => target.sync());
          if (key === 'datasync') return () => flush(path, 'datasync', () => target.datasync());
          const v = Reflect.get(target, key, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      }) as FileHandle;
    },
    async rename(from, to) {
      await nodeFsIo.rename(from, to);
      log.push({ op: 'rename', path: from, to });
    },
  };
  return { io, log, mostFlushesAtOnce: (path) => most.get(path) ?? 0 };
}
