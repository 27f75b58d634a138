import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apps, appVersions } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Ctx } from '../context';
import { Conflict } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { assertMayWrite, owningProject, type OwningProject } from './project';
import type { AppSpec, ChartInfo, Dependence } from './spec';
import { versionsByIds, type AppVersionView } from './view';

export interface NewVersion {
  appName: string;
  version: string;
  projectName?: string;
  kind: 'spec' | 'chart';
  spec?: AppSpec;
  dependence?: Dependence[];
  chart?: ChartInfo;
  /** base64 of the uploaded archive. */
  chartArchive?: string;
  chartSizeBytes?: number;
}

/** The application row of this name in the project, created on first use. */
async function appIdFor(tx: Db, project: OwningProject, name: string, now: Date): Promise<string> {
  const [made] = await tx
    .insert(apps)
    .values({ id: newId(), projectId: project.id, name, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [apps.projectId, apps.name] })
    .returning({ id: apps.id });
  if (made) return made.id;
  const [found] = await tx.select({ id: apps.id }).from(apps).where(and(eq(apps.projectId, project.id), eq(apps.name, name)));
  await tx.update(apps).set({ updatedAt: now }).where(eq(apps.id, found.id));
  return found.id;
}

/**
 * Adds a version: a new name makes the application, a known name with a new
 * version adds to it, the same name and version is a 409 and changes nothing.
 * Versions are immutable: deployments point at them.
 */
export async function createAppVersion(ctx: Ctx, input: NewVersion): Promise<AppVersionView> {
  assertMayWrite(ctx, 'applications');
  const project = await owningProject(ctx, input.projectName);
  const id = await mutate(ctx, async (tx) => {
    const now = ctx.clock.now();
    const appId = await appIdFor(tx, project, input.appName, now);
    const [row] = await tx
      .insert(appVersions)
      .values({
        id: newId(), appId, version: input.version, kind: input.kind, spec: input.spec ?? null, dependence: input.dependence ?? [],
        chart: input.chart ?? null, chartArchive: input.chartArchive ?? null, chartSizeBytes: input.chartSizeBytes ?? null,
        createdBy: ctx.user.name, createdAt: now, updatedAt: now,
      })
      .onConflictDoNothing({ target: [appVersions.appId, appVersions.version] })
      .returning({ id: appVersions.id, seq: appVersions.seq });
    if (!row) throw new Conflict(`application "${input.appName}" already has version ${input.version}`);
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'app_version', resourceId: row.id, resourceName: `${input.appName}:${input.version}`,
      projectId: project.id, departmentId: project.departmentId,
      after: { appName: input.appName, version: input.version, kind: input.kind, spec: input.spec ?? null, chart: input.chart ? { name: input.chart.name, version: input.chart.version } : null },
    });
    return row.id;
  });
  const [view] = await versionsByIds(ctx.db, [id]);
  return view;
}
