import { and, asc, desc, eq } from 'drizzle-orm';
import { imageRepositories, imageTags, imageWorkspaces, type ImageConstraint } from '@/db/schema';
import type { Ctx } from '../context';
import { ownWorkspacesFilter, visibleWorkspacesFilter } from './access';

/** One tag as NetEase offers it for a new app: a public (official) or the caller's own (custom) image. */
export interface ImageOffering {
  tagId: number;
  workspace: string;
  repository: string;
  tag: string;
  description: string;
  weight: number;
  constraint: ImageConstraint | null;
}

async function offerings(ctx: Ctx, isPublic: boolean): Promise<ImageOffering[]> {
  return ctx.db
    .select({
      tagId: imageTags.id,
      workspace: imageWorkspaces.name,
      repository: imageRepositories.name,
      tag: imageTags.name,
      description: imageRepositories.description,
      weight: imageRepositories.weight,
      constraint: imageRepositories.constraint,
    })
    .from(imageTags)
    .innerJoin(imageRepositories, eq(imageRepositories.id, imageTags.repositoryId))
    .innerJoin(imageWorkspaces, eq(imageWorkspaces.id, imageRepositories.workspaceId))
    .where(and(eq(imageWorkspaces.public, isPublic), isPublic ? visibleWorkspacesFilter(ctx) : ownWorkspacesFilter(ctx)))
    .orderBy(desc(imageRepositories.weight), asc(imageWorkspaces.name), asc(imageRepositories.name), asc(imageTags.name));
}

/** Every tag the caller may start an app from: their projects' private images, and public ones. Heaviest first. */
export async function imageOfferings(ctx: Ctx): Promise<{ custom: ImageOffering[]; public: ImageOffering[] }> {
  const [custom, pub] = await Promise.all([offerings(ctx, false), offerings(ctx, true)]);
  return { custom, public: pub };
}
