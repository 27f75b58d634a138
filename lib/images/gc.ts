import { and, eq, lt, sql } from 'drizzle-orm';
import { imageJobs } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Ctx } from '../context';
import { Forbidden } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { finishJob, latestJob, progressWriter, type JobView } from './jobs';
import { catalogBackend } from './registry-link';

const STALE_MS = 6 * 3600_000;

function assertAdmin(ctx: Ctx): void {
  if (ctx.user.role !== 'system_admin' && ctx.user.role !== 'admin') throw new Forbidden('only administrators manage image storage');
}

/** Used, free and total bytes of the disk (or registry) that holds the images. */
export async function imageStorage(ctx: Ctx) {
  assertAdmin(ctx);
  return catalogBackend().storage();
}

/**
 * Starts a garbage collection unless one is already running (then that one is
 * returned). It runs in this process after the call returns; its progress and
 * result are kept in the job row for any instance to report.
 */
export async function startGc(ctx: Ctx): Promise<JobView> {
  assertAdmin(ctx);
  const id = newId();
  const started = await mutate(ctx, async (tx) => {
    // One GC at a time across instances: the running row is checked under a table lock.
    await tx.execute(sql`lock table ${imageJobs} in share row exclusive mode`);
    // A run whose process died never finishes; after STALE_MS it no longer blocks a new one.
    await tx
      .update(imageJobs)
      .set({ state: 'failed', message: 'interrupted', finishedAt: ctx.clock.now() })
      .where(and(eq(imageJobs.kind, 'gc'), eq(imageJobs.state, 'pending'), lt(imageJobs.startedAt, new Date(ctx.clock.now().getTime() - STALE_MS))));
    const [running] = await tx.select({ id: imageJobs.id }).from(imageJobs).where(and(eq(imageJobs.kind, 'gc'), eq(imageJobs.state, 'pending')));
    if (running) return false;
    await tx.insert(imageJobs).values({ id, kind: 'gc', state: 'pending', actorId: ctx.user.id, startedAt: ctx.clock.now() });
    await recordAudit(ctx, tx, { action: 'gc', resourceType: 'image_storage', resourceId: id, resourceName: 'garbage collection' });
    return true;
  });
  if (started) void runGc(ctx, id);
  return (await latestJob(ctx, 'gc'))!;
}

async function runGc(ctx: Ctx, id: string): Promise<void> {
  const progress = progressWriter(ctx, id);
  try {
    const r = await catalogBackend().garbageCollect((p) => progress.report({ phase: p.phase, done: p.done, total: p.total }));
    await progress.flush();
    await finishJob(ctx, id, 'finished', { result: { phase: 'done', removedBlobs: r.removedBlobs, freedBytes: r.freedBytes } });
  } catch (err) {
    await progress.flush();
    console.error('pier: image garbage collection failed:', err);
    await finishJob(ctx, id, 'failed', { message: err instanceof Error ? err.message : 'failed' }).catch(() => undefined);
  }
}

export async function gcStatus(ctx: Ctx): Promise<JobView | null> {
  assertAdmin(ctx);
  return latestJob(ctx, 'gc');
}
