import type { TestClock } from '@/lib/testing/clock';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { seedLocalCluster } from '../seed';
import type { Sim } from '../store';
import { ClusterManager } from './manager';
import type { Controller } from './types';

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

/**
 * A fresh test store with the `local` cluster seeded, and a manager that runs
 * `controllers` on `clock` (not started: tests drive it with settle/runFor).
 */
export async function openSimTestbed(clock: TestClock, controllers: Controller[]): Promise<{ ts: TestStore; s: Sim; m: ClusterManager }> {
  const ts = await openTestStore();
  const { clusterId } = await seedLocalCluster(ts.store.db, clock.now());
  const s: Sim = { db: ts.store.db, clock, clusterId };
  return { ts, s, m: new ClusterManager({ sim: s, controllers }) };
}

export async function closeSimTestbed(ts: TestStore | undefined, m: ClusterManager | undefined): Promise<void> {
  await m?.stop();
  await ts?.dispose();
}
