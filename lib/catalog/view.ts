import { eq, inArray } from 'drizzle-orm';
import { apps, appVersions, projects } from '@/db/schema';
import type { Ctx } from '../context';
import type { AppSpec, ChartInfo, Dependence } from './spec';

/** One application version as the core returns it. */
export interface AppVersionView {
  id: string;
  /** ote's integer appId. */
  seq: number;
  appId: string;
  appName: string;
  projectId: string;
  projectName: string;
  version: string;
  kind: 'spec' | 'chart';
  spec: AppSpec | null;
  chart: ChartInfo | null;
  dependence: Dependence[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const versionColumns = {
  id: appVersions.id,
  seq: appVersions.seq,
  appId: appVersions.appId,
  appName: apps.name,
  projectId: apps.projectId,
  projectName: projects.name,
  version: appVersions.version,
  kind: appVersions.kind,
  spec: appVersions.spec,
  chart: appVersions.chart,
  dependence: appVersions.dependence,
  createdBy: appVersions.createdBy,
  createdAt: appVersions.createdAt,
  updatedAt: appVersions.updatedAt,
};

/** The versions with these ids, joined with their application and project (no scope check: callers filter). */
export async function versionsByIds(db: Ctx['db'], ids: string[]): Promise<AppVersionView[]> {
  if (ids.length === 0) return [];
  return db
    .select(versionColumns)
    .from(appVersions)
    .innerJoin(apps, eq(apps.id, appVersions.appId))
    .innerJoin(projects, eq(projects.id, apps.projectId))
    .where(inArray(appVersions.id, ids));
}
