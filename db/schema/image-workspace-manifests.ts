import { bigint, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { imageWorkspaces } from './image-workspaces';

/**
 * How many tags of a workspace point at each manifest: the reference counts
 * behind `image_workspaces.size_bytes`, where a manifest shared by several
 * tags counts once. Written only by the triggers of migrations 0007 and 0010
 * (tags: per statement, netted; repositories: per row).
 */
export const imageWorkspaceManifests = pgTable(
  'image_workspace_manifests',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => imageWorkspaces.id, { onDelete: 'cascade' }),
    digest: text('digest').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    tags: integer('tags').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.digest] })],
);
