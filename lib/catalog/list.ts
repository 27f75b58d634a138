import { and, asc, count, desc, eq, ilike, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { apps, appVersions, projects } from '@/db/schema';
import type { Ctx } from '../context';
import { NotFound } from '../errors';
import { containsPattern } from '../org/paging';
import { visibleProjectsFilter } from '../org/scope';
import { versionColumns, type AppVersionView } from './view';

export type NameMode = 'strict' | 'partial' | 'prefix';

export interface AppListOptions {
  page?: number;
  /** 0: every row. */
  pageSize?: number;
  appName?: string;
  appNameMode?: NameMode;
  version?: string;
  order?: 'asc' | 'desc';
  /** Only applications of this project (by name). */
  projectName?: string;
  /** One row per application: its highest version, with how many versions it has. */
  latest?: boolean;
  /** `id` (default): by creation, as the seed's lists go; `version`: by version number (1.10 after 1.9). */
  orderBy?: 'id' | 'version';
}

/**
 * A version's sort key in SQL: its numeric parts as an int[] (Postgres
 * compares arrays part by part, a prefix first), like `compareVersions`.
 * ote's rule allows only 2–4 parts of at most 9 digits, so the cast cannot
 * overflow; anything else gets no key and sorts after, by its text.
 */
function versionKey(column: AnyColumn): SQL {
  return sql`(case when ${column} ~ '^[0-9]{1,9}(\.[0-9]{1,9})*$' then string_to_array(${column}, '.')::int[] end)`;
}

function byVersion(column: AnyColumn, seq: AnyColumn, dir: 'asc' | 'desc'): SQL[] {
  return dir === 'asc'
    ? [sql`${versionKey(column)} asc nulls last`, asc(column), asc(seq)]
    : [sql`${versionKey(column)} desc nulls last`, desc(column), desc(seq)];
}

/** Applications of projects the caller sees, as a subquery of ids. */
export function visibleAppIds(ctx: Ctx) {
  return ctx.db.select({ id: apps.id }).from(apps).innerJoin(projects, eq(projects.id, apps.projectId)).where(visibleProjectsFilter(ctx));
}

/** An ILIKE/LIKE pattern for a name filter; `%` and `_` in the name are literal. */
export function namePattern(name: string, mode: 'partial' | 'prefix'): string {
  return mode === 'prefix' ? `${name.replace(/[\\%_]/g, '\\$&')}%` : containsPattern(name);
}

export function nameFilter(column: AnyColumn, name: string | undefined, mode: NameMode = 'partial'): SQL | undefined {
  if (name === undefined || name === '') return undefined;
  if (mode === 'strict') return eq(column, name);
  return ilike(column, namePattern(name, mode));
}

/** The seed's app list: one row per version, newest first (or by version number), paged in SQL. */
export async function listAppVersions(ctx: Ctx, o: AppListOptions = {}): Promise<{ items: (AppVersionView & { versionCount?: number })[]; total: number }> {
  const sibling = alias(appVersions, 'sibling');
  // "Latest" is the highest version, not the last one created: a 1.0.1 hotfix made after 1.1 is not the latest.
  const highest = ctx.db.select({ id: sibling.id }).from(sibling).where(eq(sibling.appId, apps.id))
    .orderBy(...byVersion(sibling.version, sibling.seq, 'desc')).limit(1);
  const where = and(
    inArray(appVersions.appId, visibleAppIds(ctx)),
    nameFilter(apps.name, o.appName, o.appNameMode),
    o.version ? eq(appVersions.version, o.version) : undefined,
    o.projectName ? eq(projects.name, o.projectName) : undefined,
    o.latest ? eq(appVersions.id, highest) : undefined,
  );
  const size = o.pageSize ?? 10;
  const page = Math.max(1, o.page ?? 1);
  const versionCount = sql<number>`(${ctx.db.select({ n: sql`count(*)::int` }).from(sibling).where(eq(sibling.appId, apps.id))})`;
  const base = ctx.db
    .select(o.latest ? { ...versionColumns, versionCount } : versionColumns)
    .from(appVersions)
    .innerJoin(apps, eq(apps.id, appVersions.appId))
    .innerJoin(projects, eq(projects.id, apps.projectId))
    .where(where)
    .orderBy(...(o.orderBy === 'version'
      ? byVersion(appVersions.version, appVersions.seq, o.order ?? 'desc')
      : [o.order === 'asc' ? asc(appVersions.seq) : desc(appVersions.seq)]))
    .offset(size === 0 ? 0 : (page - 1) * size);
  const [items, [{ n }]] = await Promise.all([
    size === 0 ? base : base.limit(size),
    ctx.db
      .select({ n: count() })
      .from(appVersions)
      .innerJoin(apps, eq(apps.id, appVersions.appId))
      .innerJoin(projects, eq(projects.id, apps.projectId))
      .where(where),
  ]);
  return { items: items.map((r) => ('versionCount' in r ? { ...r, versionCount: Number(r.versionCount) } : r)), total: Number(n) };
}

/** One version by ote's integer id; another project's is a 404. */
export async function getAppVersionBySeq(ctx: Ctx, seq: number): Promise<AppVersionView & { chartArchive?: string | null }> {
  const [row] = await ctx.db
    .select(versionColumns)
    .from(appVersions)
    .innerJoin(apps, eq(apps.id, appVersions.appId))
    .innerJoin(projects, eq(projects.id, apps.projectId))
    .where(and(eq(appVersions.seq, seq), inArray(appVersions.appId, visibleAppIds(ctx))))
    .limit(1);
  if (!row) throw new NotFound(`application ${seq}`, `application ${seq} not found`);
  return row;
}

/** A version by application name and version, in the projects the caller sees; 404 naming what is missing. */
export async function findAppVersion(ctx: Ctx, appName: string, version: string, projectId?: string): Promise<AppVersionView> {
  const rows = await ctx.db
    .select(versionColumns)
    .from(appVersions)
    .innerJoin(apps, eq(apps.id, appVersions.appId))
    .innerJoin(projects, eq(projects.id, apps.projectId))
    .where(and(eq(apps.name, appName), inArray(appVersions.appId, visibleAppIds(ctx)), projectId ? eq(apps.projectId, projectId) : undefined))
    .orderBy(asc(appVersions.seq));
  if (rows.length === 0) throw new NotFound(`application ${appName}`, `application "${appName}" not found`);
  const v = rows.find((r) => r.version === version);
  if (!v) throw new NotFound(`version ${version}`, `application "${appName}" has no version ${version}`);
  return v;
}
