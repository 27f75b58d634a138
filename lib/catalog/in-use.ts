import { inArray, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deployments, deployRequests } from '@/db/schema';
import { Conflict } from '../errors';

/**
 * Refuses (409) when a deployment runs one of these versions or any of its
 * requests named it: the audit trail keeps pointing at the versions it shows.
 */
export async function assertVersionsUnused(tx: Db, versionIds: string[]): Promise<void> {
  if (!versionIds.length) return;
  const [d] = await tx.select({ name: deployments.name }).from(deployments).where(inArray(deployments.versionId, versionIds)).limit(1);
  const [r] = d ? [] : await tx.select({ seq: deployRequests.seq }).from(deployRequests)
    .where(or(inArray(deployRequests.versionId, versionIds), inArray(deployRequests.fromVersionId, versionIds))).limit(1);
  if (d) throw new Conflict(`the version is used by deployment "${d.name}"`);
  if (r) throw new Conflict(`the version is named by deployment request ${r.seq}`);
}
