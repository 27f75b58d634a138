import { count } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, imageRepositories, imageTags, imageThirdRegistries, imageWorkspaces } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { recordPushedImage } from '../record';

/** Row counts of the catalog tables and the audit log, to prove a refused request changed nothing. */
export async function catalogCounts(db: Db) {
  const tables = { auditLog, imageWorkspaces, imageRepositories, imageTags, imageThirdRegistries };
  const out: Record<string, number> = {};
  for (const [name, t] of Object.entries(tables)) out[name] = Number((await db.select({ n: count() }).from(t))[0].n);
  return out;
}

/** Catalog rows for a pushed tag, with a made-up digest derived from the name (catalog tests need no bytes). */
export async function pushed(ctx: Ctx, workspace: string, repository: string, tag: string, sizeBytes = 1000) {
  const digest = `sha256:${Buffer.from(`${workspace}/${repository}:${tag}`).toString('hex').padEnd(64, '0').slice(0, 64)}`;
  return recordPushedImage(ctx, { workspace, repository, tag, digest, sizeBytes, dockerVersion: '27.0.1', architecture: 'amd64', os: 'linux' });
}
