import { pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { projects } from './projects';

/** A third-party registry a project pulls from, with its credential sealed at rest. */
export const imageThirdRegistries = pgTable(
  'image_third_registries',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** ote's `repositoryId`: chosen by the user, unique in the project. */
    name: text('name').notNull(),
    address: text('address').notNull(),
    username: text('username').notNull().default(''),
    /** AES-256-GCM sealed; never returned. */
    passwordSealed: text('password_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('image_third_registries_project_name').on(t.projectId, t.name)],
);

export type ImageThirdRegistryRow = typeof imageThirdRegistries.$inferSelect;
