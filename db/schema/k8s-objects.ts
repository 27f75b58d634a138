import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { clusters } from './clusters';

/** A JSON object as Kubernetes sends it. */
export type K8sBody = Record<string, unknown>;

/**
 * The simulated clusters' objects: one row per object, the whole object in
 * `body`, with the fields lists filter and order by lifted into columns.
 */
export const k8sObjects = pgTable(
  'k8s_objects',
  {
    clusterId: text('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    /** "" for the core group. */
    apiGroup: text('api_group').notNull(),
    /** Plural resource name, e.g. "pods". */
    resource: text('resource').notNull(),
    /** "" for cluster-scoped objects. */
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    uid: text('uid').notNull(),
    resourceVersion: bigint('resource_version', { mode: 'number' }).notNull(),
    generation: bigint('generation', { mode: 'number' }).notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    /** uids named by metadata.ownerReferences, for garbage collection. */
    ownerUids: jsonb('owner_uids').$type<string[]>().notNull().default([]),
    body: jsonb('body').$type<K8sBody>().notNull(),
    /**
     * The object as a list item's JSON text (a list names kind and apiVersion
     * once, so its items carry neither), printed by PostgreSQL when the row is
     * written. Lists splice it as it is: printing `body` at read time was most
     * of the store's share of a 500-pod page (docs/cluster-sim.md, "Lists").
     */
    item: text('item').generatedAlwaysAs(sql`(body - 'kind' - 'apiVersion')::text`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Also the list index: (cluster, group, resource, namespace) ordered by name.
    primaryKey({ name: 'k8s_objects_pk', columns: [t.clusterId, t.apiGroup, t.resource, t.namespace, t.name] }),
    index('k8s_objects_labels').using('gin', t.labels.op('jsonb_path_ops')),
    index('k8s_objects_owners').using('gin', t.ownerUids.op('jsonb_path_ops')),
    index('k8s_objects_uid').on(t.clusterId, t.uid),
  ],
);

export const K8S_CHANGE_TYPES = ['ADDED', 'MODIFIED', 'DELETED'] as const;
export type K8sChangeType = (typeof K8S_CHANGE_TYPES)[number];

/** Every write to a simulated cluster, in resourceVersion order: what watches read. */
export const k8sChanges = pgTable(
  'k8s_changes',
  {
    clusterId: text('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    resourceVersion: bigint('resource_version', { mode: 'number' }).notNull(),
    type: text('type', { enum: K8S_CHANGE_TYPES }).notNull(),
    apiGroup: text('api_group').notNull(),
    resource: text('resource').notNull(),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    body: jsonb('body').$type<K8sBody>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'k8s_changes_pk', columns: [t.clusterId, t.resourceVersion] })],
);
