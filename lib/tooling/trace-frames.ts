/**
 * Frame counts from a Chromium trace (JSON trace events, as CDP's
 * `Tracing.dataCollected` delivers them), between two `performance.mark`s of
 * the page. Only the marks' renderer process counts: its compositor's
 * `BeginFrame` (a display interval the compositor was asked to fill),
 * `DroppedFrame` (one it did not fill, or filled with the compositor's part
 * only), `DrawFrame` (a frame it submitted), the `PipelineReporter` final
 * states and scroll thread, and what its main thread spent its time on.
 */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string; global?: string };
  args?: Record<string, unknown>;
}

export interface FrameStats {
  /** The gesture's length as traced (between the marks), ms. */
  tracedMs: number;
  beginFrames: number;
  drawnFrames: number;
  /** `DroppedFrame` without a partial update: a display interval with no new frame at all. */
  droppedFrames: number;
  /** `DroppedFrame` with a partial update: the compositor moved the scroll, the main thread's new content was late. */
  partialFrames: number;
  /** Frames whose scroll the main thread had to produce (`scroll_state` SCROLL_MAIN_THREAD): the compositor could not scroll on its own. */
  mainThreadScrollFrames: number;
  /** `PipelineReporter` final states, e.g. `PRESENTED_ALL: 300`. */
  reporterStates: string;
  /** Intervals between submitted frames longer than 1.5 display intervals (25 ms). */
  gapsOver25ms: number;
  longestGapMs: number;
  /** Share of the traced time the main thread was running a task, and the biggest kinds of work in it. */
  mainBusyPct: number;
  /**
   * Share of the traced time the main thread had a core while in its tasks (thread time, `tdur`).
   * Far below mainBusyPct means the tasks waited for a core: other processes, not the page.
   */
  mainCpuPct: number;
  mainWork: string;
}

const DISPLAY_MS = 1000 / 60;

type Reporter = { state?: string; scroll_state?: string };

/** A `PipelineReporter`'s begin event carries the frame's final state (Chromium 156: `args.frame_reporter`). */
function reporter(e: TraceEvent): Reporter | undefined {
  const a = e.args as { frame_reporter?: Reporter; chrome_frame_reporter?: Reporter } | undefined;
  return a?.frame_reporter ?? a?.chrome_frame_reporter;
}

export function frameStats(events: readonly TraceEvent[], startMark: string, endMark: string): FrameStats {
  const start = events.find((e) => e.name === startMark);
  const end = events.find((e) => e.name === endMark);
  if (!start) throw new Error(`the trace has no mark ${startMark}`);
  const t0 = start.ts;
  const t1 = end?.ts ?? Math.max(...events.map((e) => e.ts));
  const mine = events.filter((e) => e.pid === start.pid && e.ts >= t0 && e.ts <= t1);
  const named = (n: string) => mine.filter((e) => e.name === n);

  const draws = named('DrawFrame').map((e) => e.ts).sort((a, b) => a - b);
  let gaps = 0;
  let longest = 0;
  for (let i = 1; i < draws.length; i++) {
    const ms = (draws[i] - draws[i - 1]) / 1000;
    longest = Math.max(longest, ms);
    if (ms > 1.5 * DISPLAY_MS) gaps++;
  }

  const states = new Map<string, number>();
  let mainThreadScrolling = 0;
  for (const e of named('PipelineReporter')) {
    const r = e.ph === 'b' ? reporter(e) : undefined;
    if (r?.state) states.set(r.state, (states.get(r.state) ?? 0) + 1);
    if (r?.scroll_state === 'SCROLL_MAIN_THREAD') mainThreadScrolling++;
  }
  const dropped = named('DroppedFrame');
  const partial = dropped.filter((e) => (e.args as { hasPartialUpdate?: boolean } | undefined)?.hasPartialUpdate).length;

  // Main thread: the mark's thread. Tasks are `ThreadControllerImpl::RunTask` (toplevel); the work inside by name.
  const main = mine.filter((e) => e.tid === start.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const busy = tasks.reduce((n, e) => n + e.dur!, 0);
  const cpu = tasks.reduce((n, e) => n + (e.tdur ?? 0), 0);
  const work = new Map<string, number>();
  const KINDS = ['FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'RunMicrotasks', 'HitTest', 'ScrollLayer'];
  for (const e of main) if (KINDS.includes(e.name)) work.set(e.name, (work.get(e.name) ?? 0) + e.dur!);
  const tracedMs = (t1 - t0) / 1000;
  return {
    tracedMs: Math.round(tracedMs),
    beginFrames: named('BeginFrame').length,
    drawnFrames: draws.length,
    droppedFrames: dropped.length - partial,
    partialFrames: partial,
    mainThreadScrollFrames: mainThreadScrolling,
    reporterStates: [...states].map(([s, n]) => `${s.replace(/^STATE_/, '')}: ${n}`).join(', ') || '-',
    gapsOver25ms: gaps,
    longestGapMs: Math.round(longest * 10) / 10,
    mainBusyPct: tracedMs > 0 ? Math.round((busy / 1000 / tracedMs) * 100) : 0,
    mainCpuPct: tracedMs > 0 ? Math.round((cpu / 1000 / tracedMs) * 100) : 0,
    mainWork: [...work].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, us]) => `${n} ${Math.round(us / 1000)} ms`).join(', ') || '-',
  };
}
