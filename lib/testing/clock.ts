import type { Clock } from '@/lib/context';

/** A clock tests set and advance; starts at `start` (default: now). */
export interface TestClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function fixedClock(start: Date | string = new Date()): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set(at) {
      t = new Date(at).getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}
