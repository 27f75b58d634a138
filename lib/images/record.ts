import { sql } from 'drizzle-orm';
import { imageRepositories, imageTags } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Ctx } from '../context';
import { mutate, recordAudit } from '../audit/record';
import { parseWith } from '../http/body';
import { assertCanWrite, requireWorkspace } from './access';
import { repositoryName, tagName } from './names';

/** What the registry holds after a push: one tag of one repository. */
export interface PushedImage {
  workspace: string;
  repository: string;
  tag: string;
  digest: string;
  sizeBytes: number;
  imageCreatedAt?: Date | null;
  dockerVersion?: string;
  architecture?: string;
  os?: string;
}

/**
 * Records a pushed tag in the catalog: the repository is created on first
 * push, the tag inserted or moved to the new digest. `current` re-reads the
 * tag from the registry under the tag's lock (uploads pass it), so that
 * concurrent pushes of one tag end with the registry's winner in the catalog.
 */
export async function recordPushedImage(
  ctx: Ctx,
  pushed: PushedImage,
  opts: { current?: () => Promise<PushedImage | null> } = {},
): Promise<{ repositoryId: string; tagId: number } | null> {
  parseWith(repositoryName, pushed.repository);
  parseWith(tagName, pushed.tag);
  const ws = await requireWorkspace(ctx, pushed.workspace);
  await assertCanWrite(ctx, ws);
  return mutate(ctx, async (tx) => {
    // Pushes of one tag record one at a time, each reading what the registry
    // holds now: the last to record saw the last push, so catalog and registry agree.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`image-tag:${pushed.workspace}/${pushed.repository}:${pushed.tag}`}))`);
    const img = opts.current ? await opts.current() : pushed;
    if (!img) return null;
    const now = ctx.clock.now();
    // Created on first push, touched on every push. (The repositories' triggers are row triggers on
    // insert and delete only, so the upsert's update fires none.)
    const [repo] = await tx
      .insert(imageRepositories)
      .values({ id: newId(), workspaceId: ws.id, name: img.repository, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [imageRepositories.workspaceId, imageRepositories.name], set: { updatedAt: now } })
      .returning({ id: imageRepositories.id });
    const fields = {
      digest: img.digest,
      size: img.sizeBytes,
      imageCreatedAt: img.imageCreatedAt ?? null,
      dockerVersion: img.dockerVersion ?? '',
      architecture: img.architecture ?? '',
      os: img.os ?? '',
      pushedAt: now,
    };
    const values = { repositoryId: repo.id, name: img.tag, createdAt: now, ...fields };
    const target = [imageTags.repositoryId, imageTags.name];
    // A new tag, an upload's usual case, is one insert that fires only the tags' insert trigger. An
    // upsert fires their insert and update statement triggers both (migration 0010), each compiled
    // and planned on a server's first use: ~10–15 ms more in a fresh server's first upload
    // (docs/performance.md). A tag that exists is moved by the upsert, which also covers one
    // deleted in between.
    const [inserted] = await tx.insert(imageTags).values(values).onConflictDoNothing({ target }).returning({ id: imageTags.id });
    const [tag] = inserted
      ? [inserted]
      : await tx.insert(imageTags).values(values).onConflictDoUpdate({ target, set: fields }).returning({ id: imageTags.id });
    await recordAudit(ctx, tx, {
      action: 'push', resourceType: 'image_tag', resourceId: repo.id, resourceName: `${img.workspace}/${img.repository}:${img.tag}`,
      projectId: ws.projectId, after: { digest: img.digest, size: img.sizeBytes },
    });
    return { repositoryId: repo.id, tagId: tag.id };
  });
}
