import { bigint, bigserial, index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { imageRepositories } from './image-repositories';

/** A tag of a repository as the registry holds it: one manifest digest. */
export const imageTags = pgTable(
  'image_tags',
  {
    /** NetEase's image `id` is a long: one per tag. */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    repositoryId: text('repository_id')
      .notNull()
      .references(() => imageRepositories.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    digest: text('digest').notNull(),
    /** Manifest, config and layers, in bytes. */
    size: bigint('size', { mode: 'number' }).notNull(),
    /** The image config's `created`. */
    imageCreatedAt: timestamp('image_created_at', { withTimezone: true }),
    dockerVersion: text('docker_version').notNull().default(''),
    architecture: text('architecture').notNull().default(''),
    os: text('os').notNull().default(''),
    /** When this tag last pointed somewhere new. */
    pushedAt: timestamp('pushed_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('image_tags_repository_name').on(t.repositoryId, t.name), index('image_tags_digest').on(t.digest)],
);

export type ImageTagRow = typeof imageTags.$inferSelect;
