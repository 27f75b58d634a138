import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const IMAGE_JOB_KINDS = ['upload', 'gc'] as const;
export const IMAGE_JOB_STATES = ['receiving', 'pushing', 'pending', 'finished', 'failed', 'stopped'] as const;

/**
 * Long image work (an upload's push, a garbage collection) with its progress,
 * in the store so that any instance can answer a poll about it.
 */
export const imageJobs = pgTable(
  'image_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: IMAGE_JOB_KINDS }).notNull(),
    state: text('state', { enum: IMAGE_JOB_STATES }).notNull(),
    actorId: text('actor_id'),
    /** Upload: target workspace. */
    workspaceId: text('workspace_id'),
    doneBytes: bigint('done_bytes', { mode: 'number' }).notNull().default(0),
    totalBytes: bigint('total_bytes', { mode: 'number' }).notNull().default(0),
    message: text('message').notNull().default(''),
    /** What the job produced (tags pushed, blobs removed, bytes freed). */
    result: jsonb('result').$type<Record<string, unknown> | null>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('image_jobs_kind_started').on(t.kind, t.startedAt)],
);

export type ImageJobRow = typeof imageJobs.$inferSelect;
