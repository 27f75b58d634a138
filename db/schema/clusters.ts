import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from './departments';

export const CLUSTER_TYPES = ['EKS', 'EOS', 'EHOS'] as const;
export const CLUSTER_DRIVERS = ['kubeconfig', 'simulated'] as const;

/**
 * A Kubernetes cluster Pier manages: a real one reached by its kubeconfig, or
 * a simulated one whose objects live in `k8s_objects`.
 */
export const clusters = pgTable('clusters', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  type: text('type', { enum: CLUSTER_TYPES }).notNull(),
  driver: text('driver', { enum: CLUSTER_DRIVERS }).notNull(),
  /** The API server's address (for a simulated cluster, Pier's own /k8s/<name>). */
  server: text('server').notNull().default(''),
  /** Owning department; null means every department may use it. */
  departmentId: text('department_id').references(() => departments.id, { onDelete: 'restrict' }),
  /** AES-256-GCM sealed kubeconfig (kubeconfig driver only); never returned. */
  kubeconfigEncrypted: text('kubeconfig_encrypted'),
  labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
  /**
   * Simulated clusters' resourceVersion counter. Every write bumps it in its
   * own transaction, so the row lock orders writers and versions commit in order.
   */
  resourceVersion: bigint('resource_version', { mode: 'number' }).notNull().default(0),
  /**
   * Simulated clusters' change log holds no version at or below this one
   * (lib/cluster/sim/compaction.ts): a watch from an older version is 410 Expired.
   */
  compactedVersion: bigint('compacted_version', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ClusterRow = typeof clusters.$inferSelect;
