import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { clusters } from './clusters';
import { projects } from './projects';

/**
 * An ECNS application (1.2): what Kubernetes has no field for — that it
 * exists with no workloads, its description, its type, when it was made.
 * Membership is not here: a workload belongs to it by the label
 * `pier.io/application` on the workload, so kubectl sees and changes it too.
 * The name is unique in its cluster's namespace.
 */
export const ecnsApplications = pgTable(
  'ecns_applications',
  {
    id: text('id').primaryKey(),
    clusterId: text('cluster_id').notNull().references(() => clusters.id, { onDelete: 'cascade' }),
    namespace: text('namespace').notNull(),
    /** The project owning the namespace when the application was made (for audit and tenancy filters). */
    projectId: text('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Normal or Hybrid (ECNS `type`). */
    type: text('type').notNull().default('Normal'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ecns_applications_ns_name').on(t.clusterId, t.namespace, t.name)],
);

export type EcnsApplicationRow = typeof ecnsApplications.$inferSelect;
