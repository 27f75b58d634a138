import { describe, expect, it } from 'vitest';
import { frameStats, type TraceEvent } from './trace-frames';

/** A hand-made trace in the shape Chromium 156 writes (names, categories and args as seen in the bench's traces). */
const R = 10; // the page's renderer process
const MAIN = 10;
const COMPOSITOR = 11;
const ev = (name: string, ts: number, o: Partial<TraceEvent> = {}): TraceEvent => ({ name, cat: 'disabled-by-default-devtools.timeline.frame', ph: 'I', ts, pid: R, tid: COMPOSITOR, ...o });
const ms = (n: number) => n * 1000;

const trace: TraceEvent[] = [
  ev('pier-scroll-start', ms(0), { cat: 'blink.user_timing', ph: 'R', tid: MAIN }),
  // Before the start mark: not counted.
  ev('BeginFrame', ms(-10)), ev('DroppedFrame', ms(-10), { args: { hasPartialUpdate: false } }),
  ev('BeginFrame', ms(10)), ev('DrawFrame', ms(10)),
  ev('BeginFrame', ms(26.7)), ev('DrawFrame', ms(26.7)),
  ev('BeginFrame', ms(43.4)), ev('DroppedFrame', ms(43.4), { args: { hasPartialUpdate: false } }),
  ev('BeginFrame', ms(60)), ev('DroppedFrame', ms(60), { args: { hasPartialUpdate: true } }), ev('DrawFrame', ms(60)),
  ev('PipelineReporter', ms(10), { ph: 'b', args: { frame_reporter: { state: 'STATE_PRESENTED_ALL', scroll_state: 'SCROLL_COMPOSITOR_THREAD' } } }),
  ev('PipelineReporter', ms(20), { ph: 'e', args: {} }),
  ev('PipelineReporter', ms(43.4), { ph: 'b', args: { frame_reporter: { state: 'STATE_DROPPED', scroll_state: 'SCROLL_MAIN_THREAD' } } }),
  // Another process (the browser's own compositor): not the page's.
  ev('BeginFrame', ms(30), { pid: 99 }), ev('DroppedFrame', ms(30), { pid: 99, args: {} }),
  // Main thread: 40 ms in tasks, 10 ms of it on a core; a Layout inside.
  ev('ThreadControllerImpl::RunTask', ms(20), { cat: 'toplevel', ph: 'X', tid: MAIN, dur: ms(40), tdur: ms(10) }),
  ev('Layout', ms(25), { cat: 'devtools.timeline', ph: 'X', tid: MAIN, dur: ms(5) }),
  ev('pier-scroll-end', ms(80), { cat: 'blink.user_timing', ph: 'R', tid: MAIN }),
  ev('BeginFrame', ms(90)),
];

describe('frameStats', () => {
  it('counts the page renderer\'s frames between the marks: dropped apart from partial, gaps between drawn frames', () => {
    const s = frameStats(trace, 'pier-scroll-start', 'pier-scroll-end');
    expect(s).toMatchObject({
      tracedMs: 80, beginFrames: 4, drawnFrames: 3, droppedFrames: 1, partialFrames: 1, mainThreadScrollFrames: 1,
      reporterStates: 'PRESENTED_ALL: 1, DROPPED: 1',
      // 10 → 26.7 → 60: one interval of 33.3 ms is over 1.5 display intervals.
      gapsOver25ms: 1, longestGapMs: 33.3,
      mainBusyPct: 50, mainCpuPct: 13, mainWork: 'Layout 5 ms',
    });
  });

  it('refuses a trace without the start mark rather than count the wrong frames', () => {
    expect(() => frameStats(trace.slice(1), 'pier-scroll-start', 'pier-scroll-end')).toThrow(/no mark pier-scroll-start/);
  });
});
