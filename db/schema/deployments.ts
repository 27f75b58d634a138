import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { apps } from './apps';
import { appVersions } from './app-versions';
import { projects } from './projects';

/** Pods of a deployment across its clusters, as ote's `errorMessage` shows them. */
export interface PodCounts {
  running: number;
  error: number;
  total: number;
}

/**
 * An ote deployment: an application placed on clusters under a name. What
 * it runs is `versionId` (the last version rolled out, or the one asked for
 * until a first rollout). `status` and `deployType` mirror its latest
 * request, as the seed's list shows them.
 */
export const deployments = pgTable(
  'deployments',
  {
    id: text('id').primaryKey(),
    /** ote's integer deployId. */
    seq: serial('seq').notNull().unique(),
    projectId: text('project_id').notNull().references(() => projects.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'restrict' }),
    versionId: text('version_id').notNull().references(() => appVersions.id, { onDelete: 'restrict' }),
    /** The request's `cluster`: a cluster name, a label selector, or empty for all the project may use. */
    cluster: text('cluster').notNull().default(''),
    nodeLabel: text('node_label').notNull().default(''),
    /** The namespace it runs in on every cluster (the project's). */
    namespace: text('namespace').notNull(),
    comment: text('comment').notNull().default(''),
    deployType: integer('deploy_type').notNull(),
    status: integer('status').notNull(),
    auditComment: text('audit_comment').notNull().default(''),
    pods: jsonb('pods').$type<PodCounts>().notNull().default({ running: 0, error: 0, total: 0 }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Set when a delete request finished: the name is free again. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deployments_project_name_live').on(t.projectId, t.name).where(sql`deleted_at is null`),
    index('deployments_app').on(t.appId),
  ],
);

export type DeploymentRow = typeof deployments.$inferSelect;
