import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { clusters } from './clusters';
import { projects } from './projects';
import { tokens } from './tokens';

/**
 * ECNS keeps a "current cluster and namespace" in the caller's session, and
 * calls that omit a cluster use it. Pier keeps it per credential (a console
 * session or an API token is one `tokens` row), set by ECNS "switch namespace".
 * Gone with the token, the cluster or the project.
 */
export const currentContexts = pgTable('current_contexts', {
  tokenId: text('token_id')
    .primaryKey()
    .references(() => tokens.id, { onDelete: 'cascade' }),
  clusterId: text('cluster_id')
    .notNull()
    .references(() => clusters.id, { onDelete: 'cascade' }),
  projectId: text('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  namespace: text('namespace').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export type CurrentContextRow = typeof currentContexts.$inferSelect;
