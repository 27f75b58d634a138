import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { imageRepositories, imageTags, imageWorkspaces } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Ctx } from '../context';
import { Forbidden } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import type { ImportedImage } from '../registry';
import { isRepositoryName, isTag } from '../registry';
import { catalogBackend } from './registry-link';

/** What a re-sync changed in the catalog. */
export interface ResyncReport {
  workspacesAdded: number;
  repositoriesAdded: number;
  repositoriesRemoved: number;
  tagsAdded: number;
  tagsUpdated: number;
  tagsRemoved: number;
  /** Repositories and tags the registry holds that the catalog cannot name (not the OCI grammar, or no workspace component). */
  skipped: string[];
}

/** Registry reads in flight at once: inspect is a manifest and a config fetch per tag. */
const PARALLEL = 8;

async function inParallel<T, R>(items: T[], fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return out;
}

/** Everything the registry holds now, tag by tag. */
async function readRegistry(skipped: string[]): Promise<ImportedImage[]> {
  const b = catalogBackend();
  const refs: Array<{ repository: string; tag: string }> = [];
  for (const repository of await b.listRepositories()) {
    if (!repository.includes('/') || !isRepositoryName(repository)) {
      skipped.push(repository);
      continue;
    }
    for (const tag of await b.listTags(repository)) {
      if (isTag(tag)) refs.push({ repository, tag });
      else skipped.push(`${repository}:${tag}`);
    }
  }
  const images = await inParallel(refs, (r) => b.inspect(r.repository, r.tag));
  // A tag deleted between the listing and the inspect is simply not there.
  return images.filter((i): i is ImportedImage => i !== null);
}

/**
 * Makes the catalog match what the registry holds (PIER_REGISTRY=oci: images
 * pushed or deleted behind Pier's back, e.g. with skopeo or docker): tags the
 * registry has are added or moved to its digest, tags it lacks are dropped,
 * repositories left without tags are dropped. A workspace the catalog does
 * not know is created private and owned by no project (system
 * administrators then give it to a project or make it public). System
 * administrators only. The registry is read first, outside the transaction;
 * the catalog changes in one transaction with one audit record.
 */
export async function resyncCatalog(ctx: Ctx): Promise<ResyncReport> {
  if (ctx.user.role !== 'system_admin') throw new Forbidden('only system administrators re-sync the image catalog');
  const skipped: string[] = [];
  const images = await readRegistry(skipped);
  const report: ResyncReport = { workspacesAdded: 0, repositoriesAdded: 0, repositoriesRemoved: 0, tagsAdded: 0, tagsUpdated: 0, tagsRemoved: 0, skipped };
  await mutate(ctx, async (tx) => {
    // Uploads record under per-tag advisory locks; a re-sync waits for none of them but
    // must not interleave with another re-sync.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('image-catalog-resync'))`);
    const now = ctx.clock.now();
    const current = await tx
      .select({
        workspace: imageWorkspaces.name, workspaceId: imageWorkspaces.id, repository: imageRepositories.name, repositoryId: imageRepositories.id,
        tagId: imageTags.id, tag: imageTags.name, digest: imageTags.digest, size: imageTags.size,
      })
      .from(imageTags)
      .innerJoin(imageRepositories, eq(imageRepositories.id, imageTags.repositoryId))
      .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId));
    const byRef = new Map(current.map((c) => [`${c.workspace}/${c.repository}:${c.tag}`, c]));
    const workspaces = new Map((await tx.select({ id: imageWorkspaces.id, name: imageWorkspaces.name }).from(imageWorkspaces)).map((w) => [w.name, w.id]));
    const repositories = new Map(
      (await tx.select({ id: imageRepositories.id, name: imageRepositories.name, ws: imageRepositories.workspaceId }).from(imageRepositories)).map((r) => [`${r.ws}/${r.name}`, r.id]),
    );
    const seen = new Set<string>();
    for (const img of images) {
      const slash = img.repository.indexOf('/');
      const wsName = img.repository.slice(0, slash);
      const repoName = img.repository.slice(slash + 1);
      const ref = `${img.repository}:${img.tag}`;
      seen.add(ref);
      const fields = {
        digest: img.digest, size: img.size, imageCreatedAt: img.created ? new Date(img.created) : null,
        dockerVersion: img.dockerVersion, architecture: img.architecture, os: img.os,
      };
      const had = byRef.get(ref);
      if (had) {
        if (had.digest !== img.digest || Number(had.size) !== img.size) {
          await tx.update(imageTags).set({ ...fields, pushedAt: now }).where(eq(imageTags.id, had.tagId));
          report.tagsUpdated++;
        }
        continue;
      }
      let wsId = workspaces.get(wsName);
      if (!wsId) {
        wsId = newId();
        await tx.insert(imageWorkspaces).values({ id: wsId, name: wsName, public: false, projectId: null, createdAt: now, updatedAt: now });
        workspaces.set(wsName, wsId);
        report.workspacesAdded++;
      }
      let repoId = repositories.get(`${wsId}/${repoName}`);
      if (!repoId) {
        repoId = newId();
        await tx.insert(imageRepositories).values({ id: repoId, workspaceId: wsId, name: repoName, createdAt: now, updatedAt: now });
        repositories.set(`${wsId}/${repoName}`, repoId);
        report.repositoriesAdded++;
      }
      await tx.insert(imageTags).values({ repositoryId: repoId, name: img.tag, createdAt: now, pushedAt: now, ...fields });
      report.tagsAdded++;
    }
    const gone = current.filter((c) => !seen.has(`${c.workspace}/${c.repository}:${c.tag}`));
    for (let i = 0; i < gone.length; i += 1000) {
      await tx.delete(imageTags).where(inArray(imageTags.id, gone.slice(i, i + 1000).map((g) => g.tagId)));
    }
    report.tagsRemoved = gone.length;
    const emptied = [...new Set(gone.map((g) => g.repositoryId))];
    for (let i = 0; i < emptied.length; i += 1000) {
      const removed = await tx
        .delete(imageRepositories)
        .where(and(
          inArray(imageRepositories.id, emptied.slice(i, i + 1000)),
          notExists(tx.select({ one: sql`1` }).from(imageTags).where(eq(imageTags.repositoryId, imageRepositories.id))),
        ))
        .returning({ id: imageRepositories.id });
      report.repositoriesRemoved += removed.length;
    }
    await recordAudit(ctx, tx, {
      action: 'resync', resourceType: 'image_catalog', resourceId: 'registry', resourceName: catalogBackend().pullHost(),
      after: { ...report, skipped: skipped.slice(0, 50) },
    });
  });
  return report;
}
