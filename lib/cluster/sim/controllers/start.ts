import { eq } from 'drizzle-orm';
import type { Store } from '@/db/client';
import { clusters } from '@/db/schema';
import { systemClock } from '@/lib/context';
import { defaultControllers } from './index';
import { nodeLeaseController } from './node-lease';
import { pgLeaderLock, soleLeader } from './leader';
import { ClusterManager } from './manager';

export interface RunningControllers {
  managers(): ClusterManager[];
  stop(): Promise<void>;
}

/** How often the server looks for simulated clusters registered since it started. */
const CLUSTER_SCAN_MS = 10_000;

/**
 * Starts a manager for every simulated cluster (and for ones registered
 * later). With PostgreSQL each cluster's manager competes for leadership, so
 * any number of Pier processes may call this; with PGlite the process leads.
 */
export function startControllers(store: Store, o: { databaseUrl?: string } = {}): RunningControllers {
  const url = o.databaseUrl ?? process.env.DATABASE_URL;
  const running = new Map<string, ClusterManager>();
  let stopped = false;
  const scan = async () => {
    const rows = await store.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.driver, 'simulated'));
    for (const { id } of rows) {
      if (running.has(id) || stopped) continue;
      const leader = store.driver === 'pg' && url ? pgLeaderLock(url, id) : soleLeader();
      const m = new ClusterManager({ sim: { db: store.db, clock: systemClock, clusterId: id }, controllers: [...defaultControllers(), nodeLeaseController], leader });
      running.set(id, m);
      m.start();
    }
  };
  const report = (err: unknown) => console.error('pier controllers: cluster scan failed:', err instanceof Error ? err.message : err);
  void scan().catch(report);
  const timer = setInterval(() => void scan().catch(report), CLUSTER_SCAN_MS);
  timer.unref();
  return {
    managers: () => [...running.values()],
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...running.values()].map((m) => m.stop()));
    },
  };
}
