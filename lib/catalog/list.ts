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
  /** One row per application: its newest version, with how many versions it has. */
  latest?: boolean;
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

/** The seed's app list: one row per version, newest first, paged in SQL. */
export async function listAppVersions(ctx: Ctx, o: AppListOptions = {}): Promise<{ items: (AppVersionView & { versionCount?: number })[]; total: number }> {
  const sibling = alias(appVersions, 'sibling');
  const newest = ctx.db.select({ seq: sql<number>`max(${sibling.seq})` }).from(sibling).where(eq(sibling.appId, apps.id));
  const where = and(
    inArray(appVersions.appId, visibleAppIds(ctx)),
    nameFilter(apps.name, o.appName, o.appNameMode),
    o.version ? eq(appVersions.version, o.version) : undefined,
    o.projectName ? eq(projects.name, o.projectName) : undefined,
    o.latest ? eq(appVersions.seq, newest) : undefined,
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
    .orderBy(o.order === 'asc' ? asc(appVersions.seq) : desc(appVersions.seq))
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
