/**
 * Scrolling a page element the way a user does, measured by Chromium itself:
 * a synthetic wheel gesture (CDP `Input.synthesizeScrollGesture`, the input
 * pipeline's own scroll, not script setting scrollTop) while a trace records
 * the compositor's frames (`BeginFrame`, `DroppedFrame`, `DrawFrame` in
 * `disabled-by-default-devtools.timeline.frame`; `PipelineReporter` in
 * `benchmark`, one per frame with its final state) and the renderer main
 * thread's tasks (`devtools.timeline`), and the page observes its long
 * animation frames (over 50 ms, with the scripts in them).
 *
 * Nothing here waits without a bound: the gesture, the trace's end and every
 * page call race a timer, and a gesture that does not finish reports what the
 * page's main thread was doing (`stalled`) instead of hanging the bench.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { cpuShares, machineCpu, sleep } from './bench-stats';
import { frameStats, type FrameStats, type TraceEvent } from './trace-frames';
import { threadUse } from './trace-threads';

export interface ScrollCase {
  name: string;
  /** CSS px to scroll down. */
  distance: number;
  /** px per second. */
  speed: number;
}

export interface ScrollResult extends FrameStats {
  case: string;
  /** px the element's scrollTop moved. */
  scrolled: number;
  /** Rows scrolled past (scrolled / row height), and whether the rows in view at the end were real rows (not blank or placeholders). */
  rowsPassed: number;
  rowsInViewAtEnd: boolean;
  longFrames: number;
  longFrameMaxMs: number;
  /** The scripts of the long animation frames, by total duration. */
  longFrameScripts: string;
  stalled?: string;
  /** CPU ms per thread of every traced Chromium process in the gesture (the biggest), and what the page's main thread ran at each dropped frame. */
  cpuByThread: string;
  dropCauses: string;
  /** The whole machine during the gesture (/proc/stat): % of all cores' time in use by any process, idle, and stolen by the hypervisor. */
  machine: string;
}

const CATEGORIES = ['benchmark', 'disabled-by-default-devtools.timeline.frame', 'devtools.timeline', 'toplevel', 'cc', 'blink.user_timing'];
/** PIER_BENCH_TRACE_DETAIL=1: also raster, display compositor and timeline details (a heavier trace; not for the counted runs). */
const DETAIL = ['disabled-by-default-devtools.timeline', 'viz', 'gpu', 'v8'];

function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`${what}: no answer in ${ms} ms`)))]);
}

/** The page's long animation frames from now on, collected in `window.__loaf`. */
const OBSERVE_LOAF = `(() => {
  window.__loaf = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__loaf.push({
      startTime: e.startTime, duration: e.duration, renderStart: e.renderStart, styleAndLayoutStart: e.styleAndLayoutStart, blockingDuration: e.blockingDuration,
      scripts: e.scripts.map((s) => ({ where: (s.invoker || s.invokerType) + ' @ ' + (s.sourceURL || '').split('/').pop() + ':' + (s.sourceFunctionName || '?'), ms: s.duration, startTime: s.startTime, forcedStyleAndLayoutMs: s.forcedStyleAndLayoutDuration })),
    });
  }).observe({ type: 'long-animation-frame' });
  return true;
})()`;

type Loaf = { duration: number; scripts: Array<{ where: string; ms: number }> };

/** What the page's main thread answers within 5 s, for a gesture that did not finish. */
async function diagnoseStall(cdp: CDPSession): Promise<string> {
  const probe = cdp.send('Runtime.evaluate', {
    expression: `new Promise((r) => { const t = setTimeout(() => r('main thread answers; no animation frame within 2 s; visibility ' + document.visibilityState), 2000); requestAnimationFrame(() => { clearTimeout(t); r('main thread answers and animation frames fire; visibility ' + document.visibilityState); }); })`,
    awaitPromise: true, returnByValue: true, timeout: 5000,
  }).then((r) => String(r.result.value ?? r.exceptionDetails?.text));
  return within(8000, probe, 'Runtime.evaluate').catch((err: Error) => `main thread does not answer (${err.message}): a long task or a render loop`);
}

/**
 * Scrolls `selector`'s element (whose rows are `rowPx` high) down by `c.distance`
 * at `c.speed` with the mouse wheel, and returns Chromium's frame counts for the
 * gesture's time and the page's long animation frames.
 */
export async function measureScroll(page: Page, selector: string, rowPx: number, c: ScrollCase): Promise<ScrollResult> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const box = await page.locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} is not on screen`);
    const top = () => within(10_000, page.evaluate(`document.querySelector(${JSON.stringify(selector)}).scrollTop`), 'scrollTop') as Promise<number>;
    const startTop = await top();
    await within(10_000, page.evaluate(OBSERVE_LOAF), 'long-animation-frame observer');

    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: process.env.PIER_BENCH_TRACE_DETAIL ? [...CATEGORIES, ...DETAIL] : CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
    // Marks in the page's timeline bound the gesture in the trace (the same clock as the frame events).
    const pageStart = await page.evaluate(`performance.mark('pier-scroll-start').startTime`) as number;
    const expected = (c.distance / c.speed) * 1000;
    let stalled: string | undefined;
    const cpu0 = machineCpu();
    await within(expected * 3 + 20_000, cdp.send('Input.synthesizeScrollGesture', {
      x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2),
      yDistance: -c.distance, speed: c.speed, gestureSourceType: 'mouse', preventFling: true,
    }), 'the scroll gesture').catch(async (err: Error) => {
      stalled = `${err.message}; ${await diagnoseStall(cdp)}`;
    });
    await within(10_000, page.evaluate(`performance.mark('pier-scroll-end')`), 'mark').catch(() => undefined);
    const shares = cpuShares(cpu0, machineCpu());
    await cdp.send('Tracing.end');
    await within(60_000, complete, 'the trace');

    // PIER_BENCH_TRACE_DIR: keep the trace (opens in DevTools' Performance panel).
    if (process.env.PIER_BENCH_TRACE_DIR) writeFileSync(path.join(process.env.PIER_BENCH_TRACE_DIR, `scroll-${c.name.replace(/\W+/g, '-')}.json`), JSON.stringify({ traceEvents: events }));
    const endTop = await top();
    // The rows painted where the viewport is: real rows (aria-rowindex) covering it, not placeholders or a gap.
    const inView = await within(10_000, page.evaluate(`(() => {
      const el = document.querySelector(${JSON.stringify(selector)});
      const want = Math.floor(el.scrollTop / ${rowPx}) + 2;
      return [...el.querySelectorAll('[role=row][aria-rowindex]')].some((r) => Number(r.getAttribute('aria-rowindex')) === want);
    })()`), 'rows in view') as boolean;
    const loaf = await within(10_000, page.evaluate('window.__loaf'), 'long animation frames') as Loaf[];
    if (process.env.PIER_BENCH_TRACE_DIR) writeFileSync(path.join(process.env.PIER_BENCH_TRACE_DIR, `loaf-${c.name.replace(/\W+/g, '-')}.json`), JSON.stringify({ pageStart, loaf }));
    const byScript = new Map<string, number>();
    for (const f of loaf) for (const s of f.scripts) byScript.set(s.where, (byScript.get(s.where) ?? 0) + s.ms);
    const scripts = [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([w, ms]) => `${w} ${Math.round(ms)} ms`).join('; ');
    const use = threadUse(events, 'pier-scroll-start', 'pier-scroll-end');
    return {
      case: c.name,
      cpuByThread: use.threads.slice(0, 8).map((u) => `${u.thread} ${u.cpuMs} ms CPU / ${u.busyMs} ms busy`).join('; '),
      machine: `${shares.busyPct} % in use, ${shares.idlePct} % idle, ${shares.stealPct} % stolen`,
      dropCauses: use.drops.map((d) => `${d.atMs} ms: ${d.main}`).join('; ') || '-',
      ...frameStats(events, 'pier-scroll-start', 'pier-scroll-end'),
      scrolled: Math.round(endTop - startTop),
      rowsPassed: Math.round((endTop - startTop) / rowPx),
      rowsInViewAtEnd: inView,
      longFrames: loaf.length,
      longFrameMaxMs: Math.round(Math.max(0, ...loaf.map((f) => f.duration))),
      longFrameScripts: scripts || '-',
      stalled,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
