import { boolean, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from './departments';

export const roleEnum = pgEnum('user_role', ['system_admin', 'admin', 'developer', 'visitor']);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  displayName: text('display_name').notNull().default(''),
  email: text('email').notNull().default(''),
  /** Null only for system admins, who stand above every department. */
  departmentId: text('department_id').references(() => departments.id, { onDelete: 'restrict' }),
  role: roleEnum('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** 'en' | 'zh'; null means "follow the browser's Accept-Language". */
  locale: text('locale'),
  theme: text('theme').notNull().default('system'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
});
