import { index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { AppSpec, ChartInfo, Dependence } from '../../lib/catalog/spec';
import { apps } from './apps';

export const APP_VERSION_KINDS = ['spec', 'chart'] as const;

/**
 * One version of an application: a complete, immutable spec (what ote's
 * `POST /v1/app` sends) or an uploaded Helm chart. ote's integer `appId` is
 * `seq`: the seed's app list has one row per version.
 */
export const appVersions = pgTable(
  'app_versions',
  {
    id: text('id').primaryKey(),
    seq: serial('seq').notNull().unique(),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    kind: text('kind', { enum: APP_VERSION_KINDS }).notNull(),
    /** kind spec: the whole spec, CPU in percent of a core as ote sends it. */
    spec: jsonb('spec').$type<AppSpec | null>(),
    dependence: jsonb('dependence').$type<Dependence[]>().notNull().default([]),
    /** kind chart: Chart.yaml's fields, values.yaml and the templates, as shown. */
    chart: jsonb('chart').$type<ChartInfo | null>(),
    /** kind chart: the archive as uploaded (base64; bounded by the upload limit). */
    chartArchive: text('chart_archive'),
    chartSizeBytes: integer('chart_size_bytes'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('app_versions_app_version').on(t.appId, t.version), index('app_versions_version').on(t.version)],
);

export type AppVersionRow = typeof appVersions.$inferSelect;
