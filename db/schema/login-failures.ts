import { index, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-ins, one row each, keyed by "user:<name>" and "addr:<ip>".
 * Kept in the store so that several Pier instances share one limit.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_key_at').on(t.key, t.at)],
);
