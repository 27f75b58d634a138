import { and, eq, inArray, notExists } from 'drizzle-orm';
import { apps, appVersions, projects } from '@/db/schema';
import type { Ctx } from '../context';
import { NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { visibleAppIds } from './list';
import { assertMayWrite } from './project';
import { assertVersionsUnused } from './in-use';

/**
 * `DELETE /v1/app`: removes these versions, all or none. An id the caller
 * cannot see is a 404 and nothing is deleted; a version a deployment uses is
 * a 409. An application left without versions goes too.
 */
export async function deleteAppVersions(ctx: Ctx, seqs: number[]): Promise<void> {
  assertMayWrite(ctx, 'applications');
  const wanted = [...new Set(seqs)];
  await mutate(ctx, async (tx) => {
    const rows = await tx
      .select({ id: appVersions.id, seq: appVersions.seq, version: appVersions.version, appId: apps.id, appName: apps.name, projectId: apps.projectId, departmentId: projects.departmentId })
      .from(appVersions)
      .innerJoin(apps, eq(apps.id, appVersions.appId))
      .innerJoin(projects, eq(projects.id, apps.projectId))
      .where(and(inArray(appVersions.seq, wanted), inArray(appVersions.appId, visibleAppIds(ctx))))
      .for('update', { of: appVersions });
    const missing = wanted.filter((s) => !rows.some((r) => r.seq === s));
    if (missing.length) throw new NotFound(`application ${missing[0]}`, `application ${missing.join(', ')} not found`);
    await assertVersionsUnused(tx, rows.map((r) => r.id));
    await tx.delete(appVersions).where(inArray(appVersions.id, rows.map((r) => r.id)));
    const appIds = [...new Set(rows.map((r) => r.appId))];
    await tx.delete(apps).where(and(inArray(apps.id, appIds), notExists(tx.select({ one: appVersions.id }).from(appVersions).where(eq(appVersions.appId, apps.id)))));
    for (const r of rows) {
      await recordAudit(ctx, tx, {
        action: 'delete', resourceType: 'app_version', resourceId: r.id, resourceName: `${r.appName}:${r.version}`,
        projectId: r.projectId, departmentId: r.departmentId, before: { appName: r.appName, version: r.version, id: r.seq },
      });
    }
  });
}
