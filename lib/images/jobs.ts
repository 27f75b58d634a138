import { and, desc, eq } from 'drizzle-orm';
import { imageJobs, type ImageJobRow } from '@/db/schema';
import type { Ctx } from '../context';
import { NotFound } from '../errors';

export type JobState = ImageJobRow['state'];

/** A job's progress as clients poll it. */
export interface JobView {
  id: string;
  kind: ImageJobRow['kind'];
  state: JobState;
  phase: string;
  doneBytes: number;
  totalBytes: number;
  message: string;
  result: Record<string, unknown> | null;
  startedAt: Date;
  finishedAt: Date | null;
}

function view(r: ImageJobRow): JobView {
  return {
    id: r.id, kind: r.kind, state: r.state, phase: (r.result?.phase as string | undefined) ?? '', doneBytes: r.doneBytes,
    totalBytes: r.totalBytes, message: r.message, result: r.result, startedAt: r.startedAt, finishedAt: r.finishedAt,
  };
}

export async function startJob(ctx: Ctx, o: { id: string; kind: ImageJobRow['kind']; state: JobState; workspaceId?: string | null }): Promise<void> {
  await ctx.db.insert(imageJobs).values({
    id: o.id, kind: o.kind, state: o.state, actorId: ctx.user.id, workspaceId: o.workspaceId ?? null, startedAt: ctx.clock.now(),
  });
}

/**
 * Progress writes at most every `everyMs`, so a fast stream of callbacks
 * costs a few UPDATEs, not one per chunk; `flush` writes the last value.
 */
export function progressWriter(ctx: Ctx, id: string, everyMs = 250) {
  let last = 0;
  let pending: { state?: JobState; phase?: string; done: number; total: number } | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const p = pending;
    pending = null;
    if (!p) return writing;
    last = Date.now();
    writing = writing
      .then(() =>
        ctx.db
          .update(imageJobs)
          .set({ doneBytes: p.done, totalBytes: p.total, ...(p.state ? { state: p.state } : {}), ...(p.phase ? { result: { phase: p.phase } } : {}) })
          .where(eq(imageJobs.id, id))
          .then(() => undefined),
      )
      .catch(() => undefined);
    return writing;
  };
  return {
    report(p: { state?: JobState; phase?: string; done: number; total: number }) {
      pending = { ...pending, ...p };
      if (Date.now() - last >= everyMs) void write();
    },
    flush: () => write(),
  };
}

export async function finishJob(ctx: Ctx, id: string, state: JobState, o: { message?: string; result?: Record<string, unknown> } = {}): Promise<void> {
  await ctx.db
    .update(imageJobs)
    .set({ state, message: o.message ?? '', result: o.result ?? null, finishedAt: ctx.clock.now() })
    .where(eq(imageJobs.id, id));
}

/** A job the caller started (administrators: any). Someone else's is not found. */
export async function getJob(ctx: Ctx, id: string): Promise<JobView> {
  const admin = ctx.user.role === 'system_admin' || ctx.user.role === 'admin';
  const [row] = await ctx.db
    .select()
    .from(imageJobs)
    .where(and(eq(imageJobs.id, id), admin ? undefined : eq(imageJobs.actorId, ctx.user.id)));
  if (!row) throw new NotFound('job', `job "${id}" not found`);
  return view(row);
}

export async function latestJob(ctx: Ctx, kind: ImageJobRow['kind']): Promise<JobView | null> {
  const [row] = await ctx.db.select().from(imageJobs).where(eq(imageJobs.kind, kind)).orderBy(desc(imageJobs.startedAt)).limit(1);
  return row ? view(row) : null;
}
