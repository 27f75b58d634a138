import { and, count, eq, ilike, inArray, sql } from 'drizzle-orm';
import { imageRepositories, imageTags } from '@/db/schema';
import type { Ctx } from '../context';
import { Invalid, NotFound } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { containsPattern } from '../org/paging';
import { assertCanWrite, requireWorkspace } from './access';
import { pullCommand } from './address';
import { limitOffset, orderOf, type CatalogList, type CatalogPage } from './list-options';
import { catalogBackend } from './registry-link';
import { getRepository } from './repositories';

export interface TagView {
  id: number;
  name: string;
  digest: string;
  sizeBytes: number;
  imageCreatedAt: Date | null;
  dockerVersion: string;
  architecture: string;
  os: string;
  pushedAt: Date;
  createdAt: Date;
  pullCommand: string;
}

export type TagOrder = 'id' | 'name' | 'created' | 'pushed' | 'size';

const orderColumns = {
  id: imageTags.id,
  name: imageTags.name,
  created: sql`coalesce(${imageTags.imageCreatedAt}, ${imageTags.createdAt})`,
  pushed: imageTags.pushedAt,
  size: imageTags.size,
};

export async function listTags(ctx: Ctx, workspace: string, repository: string, o: CatalogList<TagOrder> = {}): Promise<CatalogPage<TagView>> {
  const repo = await getRepository(ctx, workspace, repository);
  const filter = and(eq(imageTags.repositoryId, repo.id), o.q ? ilike(imageTags.name, containsPattern(o.q)) : undefined);
  const { limit, offset } = limitOffset(o);
  const base = ctx.db
    .select()
    .from(imageTags)
    .where(filter)
    .orderBy(...orderOf(orderColumns, o.orderBy ?? 'id', o.order ?? 'desc', imageTags.id))
    .offset(offset);
  const [rows, [{ n }]] = await Promise.all([
    limit === undefined ? base : base.limit(limit),
    ctx.db.select({ n: count() }).from(imageTags).where(filter),
  ]);
  return {
    total: Number(n),
    items: rows.map((t) => ({
      id: t.id,
      name: t.name,
      digest: t.digest,
      sizeBytes: t.size,
      imageCreatedAt: t.imageCreatedAt,
      dockerVersion: t.dockerVersion,
      architecture: t.architecture,
      os: t.os,
      pushedAt: t.pushedAt,
      createdAt: t.createdAt,
      pullCommand: pullCommand(workspace, repository, t.name),
    })),
  };
}

/** Deletes tags of one repository, all or none; then from the registry (its blobs go at the next GC). */
export async function deleteTags(ctx: Ctx, workspace: string, repository: string, names: string[]): Promise<void> {
  if (names.length === 0) throw new Invalid({ tags: 'at least one tag' });
  const repo = await getRepository(ctx, workspace, repository);
  await assertCanWrite(ctx, await requireWorkspace(ctx, workspace));
  const wanted = [...new Set(names)];
  const removed = await mutate(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(imageTags)
      .where(and(eq(imageTags.repositoryId, repo.id), inArray(imageTags.name, wanted)))
      .for('update');
    const missing = wanted.filter((n) => !rows.some((r) => r.name === n));
    if (missing.length) throw new NotFound('tag', `tag ${missing.map((m) => `"${m}"`).join(', ')} not found in ${repo.fullName}`);
    await tx.delete(imageTags).where(inArray(imageTags.id, rows.map((r) => r.id)));
    await tx.update(imageRepositories).set({ updatedAt: ctx.clock.now() }).where(eq(imageRepositories.id, repo.id));
    await recordAudit(ctx, tx, {
      action: 'delete', resourceType: 'image_tag', resourceId: repo.id, resourceName: `${repo.fullName}:${wanted.join(',')}`,
      projectId: repo.projectId, before: rows.map((r) => ({ tag: r.name, digest: r.digest, size: r.size })),
    });
    return rows.map((r) => r.name);
  });
  const backend = catalogBackend();
  for (const tag of removed) await backend.deleteTag(repo.fullName, tag);
}
