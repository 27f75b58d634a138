import { describe, expect, it } from 'vitest';
import type { TraceEvent } from './trace-frames';
import { threadUse } from './trace-threads';

/** A hand-made trace: the page's renderer (pid 10: main 10, compositor 11, two raster workers) and the GPU process (pid 20, viz). */
const ms = (n: number) => n * 1000;
const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', cat: '__metadata', ph: 'M', ts: 0, pid, tid, args: { name } });
const task = (pid: number, tid: number, at: number, dur: number, cpu: number, name = 'ThreadControllerImpl::RunTask'): TraceEvent => ({ name, cat: 'toplevel', ph: 'X', ts: ms(at), dur: ms(dur), tdur: ms(cpu), pid, tid });

const trace: TraceEvent[] = [
  meta(10, 10, 'CrRendererMain'), meta(10, 11, 'Compositor'), meta(10, 12, 'CompositorTileWorker1'), meta(10, 13, 'CompositorTileWorker2'),
  meta(20, 21, 'VizCompositorThread'),
  { name: 'process_name', cat: '__metadata', ph: 'M', ts: 0, pid: 20, tid: 0, args: { name: 'GPU Process' } },
  { name: 'pier-scroll-start', cat: 'blink.user_timing', ph: 'R', ts: ms(0), pid: 10, tid: 10 },
  // Main: a 30 ms task with 10 ms CPU (a FunctionCall inside it, and a nested task that must not count twice), then idle.
  task(10, 10, 10, 30, 10), task(10, 10, 12, 5, 2), { name: 'FunctionCall', cat: 'devtools.timeline', ph: 'X', ts: ms(15), dur: ms(20), pid: 10, tid: 10 },
  // Raster workers: 8 + 4 ms CPU, grouped as one kind; viz 20 ms CPU; a task half outside the window counts half.
  task(10, 12, 5, 8, 8), task(10, 13, 5, 4, 4), task(20, 21, 90, 20, 20),
  // Drops: one while the main thread ran its task, one when it was idle, one partial (not a drop).
  { name: 'DroppedFrame', cat: 'disabled-by-default-devtools.timeline.frame', ph: 'I', ts: ms(38), pid: 10, tid: 11, args: { hasPartialUpdate: false } },
  { name: 'DroppedFrame', cat: 'disabled-by-default-devtools.timeline.frame', ph: 'I', ts: ms(80), pid: 10, tid: 11, args: { hasPartialUpdate: false } },
  { name: 'DroppedFrame', cat: 'disabled-by-default-devtools.timeline.frame', ph: 'I', ts: ms(50), pid: 10, tid: 11, args: { hasPartialUpdate: true } },
  { name: 'pier-scroll-end', cat: 'blink.user_timing', ph: 'R', ts: ms(100), pid: 10, tid: 10 },
];

describe('threadUse', () => {
  it('adds up top-level tasks per thread, raster workers as one kind, clipped to the marks', () => {
    const { threads } = threadUse(trace, 'pier-scroll-start', 'pier-scroll-end');
    expect(threads).toEqual([
      { thread: 'page renderer / CompositorTileWorker', busyMs: 12, cpuMs: 12 },
      { thread: 'page renderer / CrRendererMain', busyMs: 30, cpuMs: 10 },
      { thread: 'GPU Process / VizCompositorThread', busyMs: 10, cpuMs: 10 },
    ]);
  });

  it('says what the main thread ran at each dropped frame', () => {
    const { drops } = threadUse(trace, 'pier-scroll-start', 'pier-scroll-end');
    expect(drops).toEqual([
      { atMs: 38, main: 'FunctionCall in a 30 ms task (10 ms CPU)' },
      { atMs: 80, main: 'idle' },
    ]);
  });

  it('needs the start mark', () => {
    expect(() => threadUse(trace.slice(1).filter((e) => e.name !== 'pier-scroll-start'), 'pier-scroll-start', 'pier-scroll-end')).toThrow(/no mark/);
  });
});
