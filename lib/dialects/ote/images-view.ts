import { imageAddress } from '../../images/address';
import type { RepositoryView } from '../../images/repositories';
import type { TagView } from '../../images/tags';
import type { WorkspaceView } from '../../images/workspaces';
import type { ThirdRegistryView } from '../../images/third-registries';
import { unixSeconds, type ImageItem, type ProjectItem, type TagItem, type ThirdItem } from './images';

export function imageItemOf(r: RepositoryView): ImageItem {
  return {
    projectName: r.workspace,
    public: r.public,
    imageName: r.fullName,
    imageAddress: imageAddress(r.workspace, r.name),
    createTime: unixSeconds(r.createdAt),
    updateTime: unixSeconds(r.updatedAt),
  };
}

export function tagItemOf(r: RepositoryView, t: TagView): TagItem {
  return { tag: t.name, imageAddress: imageAddress(r.workspace, r.name), createTime: unixSeconds(t.createdAt), updateTime: unixSeconds(t.pushedAt) };
}

export function projectItemOf(w: WorkspaceView): ProjectItem {
  return {
    projectId: w.seq,
    projectName: w.name,
    createTime: w.createdAt.toISOString(),
    updateTime: w.updatedAt.toISOString(),
    public: w.public,
    imageCount: w.imageCount,
  };
}

export function thirdItemOf(t: ThirdRegistryView): ThirdItem {
  return { repositoryId: t.name, address: t.address, user: t.username };
}

export const IMAGE_ORDER = { id: 'id', imageName: 'name', createTime: 'created', updateTime: 'updated' } as const;
export const TAG_ORDER = { id: 'id', tag: 'name', createTime: 'created', updateTime: 'pushed' } as const;
export const PROJECT_ORDER = { id: 'id', projectName: 'name', createTime: 'created', updateTime: 'updated' } as const;
