import { index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { projects } from './projects';

/**
 * An application of the catalog: a name inside one project. What it runs is
 * in its versions (app_versions); the app row only holds them together.
 */
export const apps = pgTable(
  'apps',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('apps_project_name').on(t.projectId, t.name), index('apps_name').on(t.name)],
);

export type AppRow = typeof apps.$inferSelect;
