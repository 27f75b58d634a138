import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { appVersions } from './app-versions';
import { deployments } from './deployments';
import { departments } from './departments';

/** Per target cluster: how far the rollout got. */
export interface ClusterProgress {
  cluster: string;
  /** The objects were written (never written twice for one request). */
  applied: boolean;
  ready: boolean;
  running: number;
  error: number;
  total: number;
  message?: string;
}

/**
 * One request on a deployment (new, upgrade, rollback, delete) and its
 * audit: ote's admin audit list shows these. The rollout state machine
 * lives here (status 0 → 1/2, 1 → 3 → 4 → 5/6/7, 8 on an internal error,
 * 9 for a finished delete), driven by lib/deploy/worker.ts.
 */
export const deployRequests = pgTable(
  'deploy_requests',
  {
    id: text('id').primaryKey(),
    /** ote's integer audit id. */
    seq: serial('seq').notNull().unique(),
    deploymentId: text('deployment_id').notNull().references(() => deployments.id, { onDelete: 'cascade' }),
    departmentId: text('department_id').notNull().references(() => departments.id, { onDelete: 'restrict' }),
    type: integer('type').notNull(),
    versionId: text('version_id').notNull().references(() => appVersions.id, { onDelete: 'restrict' }),
    /** What ran before (upgrade, rollback, delete). */
    fromVersionId: text('from_version_id').references(() => appVersions.id, { onDelete: 'restrict' }),
    status: integer('status').notNull(),
    comment: text('comment').notNull().default(''),
    auditComment: text('audit_comment').notNull().default(''),
    requestedBy: text('requested_by').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Target cluster names, resolved when asked. */
    clusters: jsonb('clusters').$type<string[]>().notNull().default([]),
    progress: jsonb('progress').$type<ClusterProgress[]>().notNull().default([]),
    /** The worker holding it until then; another instance may take over after. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** When a rollout that is not ready settles as partial success or failure. */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    error: text('error').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // At most one open request (pending, approved, rolling out) per deployment: "any change while a request is pending" is a 409.
    uniqueIndex('deploy_requests_one_open').on(t.deploymentId).where(sql`status in (0, 1, 3, 4)`),
    index('deploy_requests_status').on(t.status),
    index('deploy_requests_department').on(t.departmentId),
  ],
);

export type DeployRequestRow = typeof deployRequests.$inferSelect;
