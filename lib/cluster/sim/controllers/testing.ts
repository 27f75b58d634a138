import type { TestClock } from '@/lib/testing/clock';
import type { ClusterManager } from './manager';

/**
 * Moves a test clock forward by `ms`, stopping at every time a controller
 * asked to run again, and settles the manager at each stop: what would happen
 * over `ms` of real time, in order, without sleeping.
 */
export async function runFor(m: ClusterManager, clock: TestClock, ms: number): Promise<void> {
  const end = clock.now().getTime() + ms;
  await m.settle();
  for (let i = 0; i < 100_000; i++) {
    const due = m.nextDue();
    if (due === undefined || due > end) break;
    if (due > clock.now().getTime()) clock.set(new Date(due));
    await m.settle();
  }
  clock.set(new Date(end));
  await m.settle();
}
