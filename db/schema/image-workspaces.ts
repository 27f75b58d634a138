import { bigint, boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { projects } from './projects';

/**
 * An image workspace: an ote "project" and an ECNS "harbor project". Its name
 * is the first path component of every repository in it, so it is unique in
 * the whole registry, not per department.
 */
export const imageWorkspaces = pgTable(
  'image_workspaces',
  {
    id: text('id').primaryKey(),
    /** ote's projectId is an int; this is it. */
    seq: serial('seq').notNull().unique(),
    name: text('name').notNull().unique(),
    /** Owning Pier project; null for system workspaces such as `library`, which only system admins manage. */
    projectId: text('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    public: boolean('public').notNull().default(false),
    /**
     * Repositories in the workspace, and the sum of its distinct manifests'
     * sizes: kept by triggers on image_repositories and image_tags (migration
     * 0007), so a page of workspaces reads them instead of aggregating every
     * tag of every workspace on it.
     */
    imageCount: integer('image_count').notNull().default(0),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('image_workspaces_project').on(t.projectId)],
);

export type ImageWorkspaceRow = typeof imageWorkspaces.$inferSelect;
