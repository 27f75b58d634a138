import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { clusters, k8sChanges } from '@/db/schema';

/**
 * How long the change log keeps a change: the apiserver compacts etcd every
 * five minutes by default, so a watch may resume from a version up to about
 * that old and no older.
 */
export const CHANGE_RETENTION_MS = 5 * 60_000;
/** How often the leader looks at what it may compact. */
export const COMPACT_EVERY_MS = 60_000;

/** The highest version compacted away for a cluster (0: nothing yet). */
export async function compactedVersion(db: Db, clusterId: string): Promise<number> {
  const [row] = await db.select({ v: clusters.compactedVersion }).from(clusters).where(eq(clusters.id, clusterId));
  return row?.v ?? 0;
}

/**
 * Deletes the cluster's changes at or below `upTo` and records the horizon,
 * in one transaction. Readers read the horizon in the same statement as the
 * log (change-log.ts), so none misses a change without being told.
 */
export async function compactChanges(db: Db, clusterId: string, upTo: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.update(clusters)
      .set({ compactedVersion: sql`greatest(${clusters.compactedVersion}, ${upTo})` })
      .where(eq(clusters.id, clusterId));
    const deleted = await tx.delete(k8sChanges)
      .where(and(eq(k8sChanges.clusterId, clusterId), lte(k8sChanges.resourceVersion, upTo)));
    return affectedRows(deleted);
  });
}

/**
 * How many rows a write touched, as the driver reports it (pg: `rowCount`,
 * PGlite: `affectedRows`), instead of sending every deleted row back only to
 * count them.
 */
function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/**
 * The leader's compaction schedule: it notes the log's end every minute and
 * compacts up to the end it noted at least CHANGE_RETENTION_MS ago, so every
 * change stays readable that long. Versions stand in for times, and the
 * deletion is a range of the change log's primary key.
 */
export class Compactor {
  private marks: Array<{ at: number; version: number }> = [];
  private compacted = 0;

  constructor(private readonly db: Db, private readonly clusterId: string) {}

  /** Call with the time and the log's end each round; compacts when due. */
  async tick(now: number, version: number): Promise<void> {
    const lastMark = this.marks[this.marks.length - 1];
    if (!lastMark || now - lastMark.at >= COMPACT_EVERY_MS) this.marks.push({ at: now, version });
    let due: number | undefined;
    while (this.marks.length && now - this.marks[0].at >= CHANGE_RETENTION_MS) due = this.marks.shift()!.version;
    if (due !== undefined && due > this.compacted) {
      await compactChanges(this.db, this.clusterId, due);
      this.compacted = due;
    }
  }
}
