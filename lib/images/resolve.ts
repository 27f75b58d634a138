import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { imageRepositories, imageTags, imageWorkspaces } from '@/db/schema';
import { registryAddress } from './address';

export interface ResolvedImage {
  workspace: string;
  repository: string;
  tag: string;
  digest: string;
}

/**
 * What the simulated kubelet pulls: a reference resolved against the catalog.
 * `nginx`, `nginx:1.27` and `library/nginx` mean the public `library`
 * workspace (as on Docker Hub); `team/web:2` the workspace `team`. A host in
 * front must be this registry's pull host, else the image is not ours (null).
 * `@sha256:` references match a tag with that digest. No tag means `latest`.
 */
export function parseImageReference(ref: string): { workspace: string; repository: string; tag?: string; digest?: string } | null {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    if (parts[0] !== registryAddress()) return null;
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => p === '')) return null;
  if (parts.length === 1) return { workspace: 'library', repository: parts[0], tag: tag ?? (digest ? undefined : 'latest'), digest };
  return { workspace: parts[0], repository: parts.slice(1).join('/'), tag: tag ?? (digest ? undefined : 'latest'), digest };
}

/**
 * The catalog's tag for a reference, or null when the registry does not have
 * it (the kubelet then reports ErrImagePull/ImagePullBackOff). With
 * `countPull`, a successful resolution counts as a pull of the repository.
 * Access is the caller's (`mayPull` in kubelet-resolver.ts): private
 * workspaces are pulled only by their project's namespaces.
 */
export async function resolveImage(db: Db, ref: string, opts: { countPull?: boolean } = {}): Promise<(ResolvedImage & { repositoryId: string; public: boolean; projectId: string | null }) | null> {
  const p = parseImageReference(ref);
  if (!p) return null;
  const [row] = await db
    .select({ repoId: imageRepositories.id, tag: imageTags.name, digest: imageTags.digest, public: imageWorkspaces.public, projectId: imageWorkspaces.projectId })
    .from(imageTags)
    .innerJoin(imageRepositories, eq(imageRepositories.id, imageTags.repositoryId))
    .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId))
    .where(and(eq(imageWorkspaces.name, p.workspace), eq(imageRepositories.name, p.repository), p.tag ? eq(imageTags.name, p.tag) : eq(imageTags.digest, p.digest ?? '')))
    .limit(1);
  if (!row) return null;
  if (p.digest && row.digest !== p.digest) return null;
  if (opts.countPull) await countPull(db, row.repoId);
  return { workspace: p.workspace, repository: p.repository, repositoryId: row.repoId, tag: row.tag, digest: row.digest, public: row.public, projectId: row.projectId };
}

/** One more pull of a repository. */
export async function countPull(db: Db, repositoryId: string): Promise<void> {
  await db.update(imageRepositories).set({ pullCount: sql`${imageRepositories.pullCount} + 1` }).where(eq(imageRepositories.id, repositoryId));
}
