import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A department (ECNS "domain"): owns projects and users. */
export const departments = pgTable('departments', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
