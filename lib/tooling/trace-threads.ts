/**
 * Who had the CPU during a traced gesture, from the same Chromium trace as
 * trace-frames.ts: per thread of every traced process (named by the trace's
 * `thread_name` metadata: CrRendererMain, Compositor, CompositorTileWorker…,
 * VizCompositorThread, CrBrowserMain …), the wall time in top-level tasks
 * and the thread (CPU) time of them. And per dropped frame (a `DroppedFrame`
 * without a partial update), what the renderer's main thread was running
 * then, so a drop can be told apart as page work or something else.
 */
import type { TraceEvent } from './trace-frames';

export interface ThreadUse {
  thread: string;
  /** ms in top-level tasks (wall) and on a core (thread time) in the window. */
  busyMs: number;
  cpuMs: number;
}

export interface DropCause {
  /** ms after the start mark. */
  atMs: number;
  /** The main thread's top-level task around the drop (within one display interval before it), its length and CPU ms, or 'idle'. */
  main: string;
}

/** Top-level complete events of one thread: those not inside an earlier one. */
function topLevel(events: readonly TraceEvent[]): TraceEvent[] {
  const sorted = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts >= end) {
      out.push(e);
      end = e.ts + e.dur!;
    }
  }
  return out;
}

const THREAD_KIND: Array<[RegExp, string]> = [[/^CompositorTileWorker/, 'CompositorTileWorker'], [/^ThreadPool/, 'ThreadPool']];

export function threadUse(events: readonly TraceEvent[], startMark: string, endMark: string): { threads: ThreadUse[]; drops: DropCause[] } {
  const start = events.find((e) => e.name === startMark);
  if (!start) throw new Error(`the trace has no mark ${startMark}`);
  const t0 = start.ts;
  const t1 = events.find((e) => e.name === endMark)?.ts ?? Math.max(...events.map((e) => e.ts));
  const names = new Map<string, string>();
  const procs = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    const n = (e.args as { name?: string } | undefined)?.name ?? '';
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, n);
    if (e.name === 'process_name') procs.set(e.pid, n);
  }
  const label = (pid: number, tid: number) => {
    let t = names.get(`${pid}:${tid}`) ?? `thread ${tid}`;
    for (const [re, kind] of THREAD_KIND) if (re.test(t)) t = kind;
    const proc = pid === start.pid ? 'page renderer' : procs.get(pid) ?? `process ${pid}`;
    return `${proc} / ${t}`;
  };
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.ts + (e.dur ?? 0) < t0 || e.ts > t1) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k)!.push(e);
  }
  const use = new Map<string, ThreadUse>();
  for (const [k, evs] of byThread) {
    const [pid, tid] = k.split(':').map(Number);
    const thread = label(pid, tid);
    const u = use.get(thread) ?? { thread, busyMs: 0, cpuMs: 0 };
    for (const e of topLevel(evs)) {
      // Clipped to the window; thread time scaled by the share inside it.
      const inside = Math.max(0, Math.min(e.ts + e.dur!, t1) - Math.max(e.ts, t0));
      u.busyMs += inside / 1000;
      u.cpuMs += e.dur! > 0 ? ((e.tdur ?? 0) * inside) / e.dur! / 1000 : 0;
    }
    use.set(thread, u);
  }
  const threads = [...use.values()].map((u) => ({ ...u, busyMs: Math.round(u.busyMs), cpuMs: Math.round(u.cpuMs) })).filter((u) => u.busyMs > 0).sort((a, b) => b.cpuMs - a.cpuMs);

  const main = topLevel(byThread.get(`${start.pid}:${start.tid}`) ?? []);
  const drops = events
    .filter((e) => e.name === 'DroppedFrame' && e.pid === start.pid && e.ts >= t0 && e.ts <= t1 && !(e.args as { hasPartialUpdate?: boolean } | undefined)?.hasPartialUpdate)
    .sort((a, b) => a.ts - b.ts)
    .map((d) => {
      const task = main.find((e) => e.ts <= d.ts && e.ts + e.dur! >= d.ts - 16_667);
      const inner = task ? biggestChild(byThread.get(`${start.pid}:${start.tid}`)!, task) : undefined;
      return {
        atMs: Math.round((d.ts - t0) / 1000),
        main: task ? `${inner ?? task.name} in a ${Math.round(task.dur! / 1000)} ms task (${Math.round((task.tdur ?? 0) / 1000)} ms CPU)` : 'idle',
      };
    });
  return { threads, drops };
}

/** The longest event directly inside `task` other than the task wrappers, by name. */
function biggestChild(events: readonly TraceEvent[], task: TraceEvent): string | undefined {
  const WRAPPERS = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'RunTask', 'ThreadControllerImpl::DoWork']);
  let best: TraceEvent | undefined;
  for (const e of events) {
    if (e === task || e.ph !== 'X' || WRAPPERS.has(e.name) || e.ts < task.ts || e.ts + e.dur! > task.ts + task.dur!) continue;
    if (!best || e.dur! > best.dur!) best = e;
  }
  return best?.name;
}
