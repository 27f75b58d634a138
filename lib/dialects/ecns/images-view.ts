import type { RepositoryView } from '../../images/repositories';
import type { TagView } from '../../images/tags';
import type { WorkspaceView } from '../../images/workspaces';
import type { HarborProjectBase, ImageBase, TagInfo } from './images';

export function harborProjectOf(w: WorkspaceView): HarborProjectBase {
  return {
    harbor_project_name: w.name,
    public: w.public ? 'true' : 'false',
    creation_time: w.createdAt.toISOString(),
    image_count: w.imageCount,
    domain_project_info: { domain_name: w.departmentName ?? '', openstack_project_name: w.projectName ?? '' },
    size: w.sizeBytes,
  };
}

export function imageBaseOf(r: RepositoryView): ImageBase {
  return {
    name: r.name,
    harbor_project_name: r.workspace,
    creation_time: r.createdAt.toISOString(),
    tags_count: r.tagCount,
    domain_project_info: { domain_name: r.departmentName ?? '', openstack_project_name: r.projectName ?? '' },
    id: r.id,
    description: r.description,
    public: r.public ? 'True' : 'False',
    pull_count: r.pullCount,
    size: r.sizeBytes,
  };
}

export function tagInfoOf(t: TagView): TagInfo {
  return {
    tag_name: t.name,
    creation_time: (t.imageCreatedAt ?? t.createdAt).toISOString(),
    size: t.sizeBytes,
    docker_version: t.dockerVersion,
    pull_command: t.pullCommand,
    digest: t.digest,
    architecture: t.architecture,
  };
}
