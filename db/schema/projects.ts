import { pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { departments } from './departments';

/** A project (tenant): every resource belongs to exactly one. */
export const projects = pgTable(
  'projects',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('projects_department_name').on(t.departmentId, t.name)],
);
