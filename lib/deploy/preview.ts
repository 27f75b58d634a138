import { eq } from 'drizzle-orm';
import { apps, appVersions, deployRequests, projects } from '@/db/schema';
import type { Ctx } from '../context';
import { findAppVersion } from '../catalog/list';
import { diffOnClusters, type RequestDiff } from './request-diff';
import { requireDeployment } from './scope';
import { resolveClusters } from './targets';

/** Every cluster any request of the deployment went to, in first-seen order. */
export async function clustersOfDeployment(ctx: Ctx, deploymentId: string): Promise<string[]> {
  const rows = await ctx.db.select({ clusters: deployRequests.clusters }).from(deployRequests)
    .where(eq(deployRequests.deploymentId, deploymentId)).orderBy(deployRequests.seq);
  return [...new Set(rows.flatMap((r) => r.clusters))];
}

/**
 * What asking for `version` (an upgrade or a rollback), or for removal
 * (`version` null), would change, before the request is sent: the same
 * per-cluster diff the audit page shows, for anyone who sees the deployment.
 */
export async function previewChange(ctx: Ctx, deploySeq: number, version: string | null): Promise<Omit<RequestDiff, 'id'>> {
  const d = await requireDeployment(ctx, { seq: deploySeq });
  const [{ appName }] = await ctx.db.select({ appName: apps.name }).from(apps).where(eq(apps.id, d.appId));
  const [current] = await ctx.db.select().from(appVersions).where(eq(appVersions.id, d.versionId));
  if (version === null) return diffOnClusters(ctx, d, appName, undefined, current, await clustersOfDeployment(ctx, d.id));
  const found = await findAppVersion(ctx, appName, version, d.projectId);
  const [v] = await ctx.db.select().from(appVersions).where(eq(appVersions.id, found.id));
  const [p] = await ctx.db.select({ departmentId: projects.departmentId }).from(projects).where(eq(projects.id, d.projectId));
  return diffOnClusters(ctx, d, appName, v, current, await resolveClusters(ctx.db, p.departmentId, d.cluster));
}
