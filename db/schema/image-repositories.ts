import { index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { imageWorkspaces } from './image-workspaces';

/** NetEase's per-image limits (套餐 and machine spec bounds), set by admins. */
export interface ImageConstraint {
  min_combo: number;
  max_combo: number;
  min_machine_spec: number;
  max_machine_spec: number;
}

/** A repository inside a workspace: `<workspace>/<name>` in the registry. */
export const imageRepositories = pgTable(
  'image_repositories',
  {
    id: text('id').primaryKey(),
    /** A small integer id for dialects whose ids are numbers. */
    seq: serial('seq').notNull().unique(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => imageWorkspaces.id, { onDelete: 'cascade' }),
    /** Path below the workspace, e.g. `nginx` or `team/app` (OCI name grammar). */
    name: text('name').notNull(),
    /** Markdown. */
    description: text('description').notNull().default(''),
    pullCount: integer('pull_count').notNull().default(0),
    /** NetEase list order, set by admins. */
    weight: integer('weight').notNull().default(0),
    constraint: jsonb('constraint').$type<ImageConstraint | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('image_repositories_workspace_name').on(t.workspaceId, t.name),
    index('image_repositories_name').on(t.name),
  ],
);

export type ImageRepositoryRow = typeof imageRepositories.$inferSelect;
