import type { Db } from '@/db/client';

/**
 * Refuses (409) when a deployment runs or has asked for one of these
 * versions. Deployments land in a later step (lib/deploy); until then no
 * version is in use.
 */
export async function assertVersionsUnused(_tx: Db, _versionIds: string[]): Promise<void> {}
