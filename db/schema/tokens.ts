import { index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { projects } from './projects';
import { users } from './users';

export const tokenKindEnum = pgEnum('token_kind', ['session', 'personal', 'keystone']);

/**
 * Every credential that is not a password: browser sessions, personal API
 * tokens and Keystone tokens. Only the SHA-256 of the secret is stored.
 */
export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: tokenKindEnum('kind').notNull(),
    name: text('name').notNull().default(''),
    secretHash: text('secret_hash').notNull().unique(),
    /** First characters of the secret, so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('tokens_user').on(t.userId)],
);
