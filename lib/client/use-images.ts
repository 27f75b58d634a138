'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HarborProjectBase, ImageBase, TagInfo } from '@/lib/dialects/ecns/images';
import { ECNS_IMAGES, imagesApi, query, repoPath } from './use-images-api';
import { refreshAfterChange } from './refresh';

export type Workspace = HarborProjectBase;
export type Repository = ImageBase;
export type Tag = TagInfo;
export interface RepositoryDetail {
  image_base: ImageBase;
  size: number;
  pull_count: number;
}

export const imageKeys = {
  all: ['images'] as const,
  workspaces: (p: object) => ['images', 'workspaces', p] as const,
  workspace: (name: string) => ['images', 'workspace', name] as const,
  repositories: (p: object) => ['images', 'repositories', p] as const,
  repository: (ws: string, name: string) => ['images', 'repository', ws, name] as const,
  tags: (ws: string, name: string, p: object) => ['images', 'tags', ws, name, p] as const,
};

export interface WorkspaceListParams {
  page: number;
  pageSize: number;
  q?: string;
  projectId?: string;
  mine?: boolean;
}

export function useWorkspaces(p: WorkspaceListParams) {
  return useQuery({
    queryKey: imageKeys.workspaces(p),
    queryFn: () =>
      imagesApi<{ harbor_projects: Workspace[]; total: number }>(
        'GET',
        `${ECNS_IMAGES}/harbor_projects/${query({ page: p.page, page_size: p.pageSize, name: p.q, project_id: p.projectId, all: p.mine ? false : undefined })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useWorkspace(name: string) {
  return useQuery({
    queryKey: imageKeys.workspace(name),
    queryFn: () => imagesApi<{ harbor_project: Workspace; images: Repository[] }>('GET', `${ECNS_IMAGES}/harbor_project/${encodeURIComponent(name)}`),
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 2,
  });
}

export interface RepositoryListParams {
  page: number;
  pageSize: number;
  workspace?: string;
  q?: string;
  orderBy?: 'name' | 'creation_time' | 'update_time' | 'pull_count';
  order?: 'asc' | 'desc';
  public?: boolean;
}

export function useRepositories(p: RepositoryListParams, enabled = true) {
  return useQuery({
    queryKey: imageKeys.repositories(p),
    queryFn: () =>
      imagesApi<{ images: Repository[]; total: number }>(
        'GET',
        `${ECNS_IMAGES}/repositories/${query({
          page: p.page, page_size: p.pageSize, harbor_project_name: p.workspace, name: p.q, order_by: p.orderBy, order: p.order,
          public: p.public,
        })}`,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRepository(ws: string, name: string) {
  return useQuery({
    queryKey: imageKeys.repository(ws, name),
    queryFn: () => imagesApi<RepositoryDetail>('GET', `${ECNS_IMAGES}/repositories/${repoPath(ws, name)}`),
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 2,
  });
}

export interface TagListParams {
  page: number;
  pageSize: number;
  q?: string;
  orderBy?: 'name' | 'creation_time' | 'size';
  order?: 'asc' | 'desc';
}

export function useTags(ws: string, name: string, p: TagListParams, enabled = true) {
  return useQuery({
    queryKey: imageKeys.tags(ws, name, p),
    queryFn: () =>
      imagesApi<{ tags: Tag[]; total: number }>(
        'GET',
        `${ECNS_IMAGES}/repositories/${repoPath(ws, name)}/tags/${query({ page: p.page, page_size: p.pageSize, name: p.q, order_by: p.orderBy, order: p.order })}`,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => refreshAfterChange(qc, { queryKey: imageKeys.all }) });
}

export function useCreateWorkspace() {
  return useInvalidating((v: { name: string; public: boolean; projectId?: string }) =>
    imagesApi<{ harbor_project: Workspace }>('POST', `${ECNS_IMAGES}/harbor_project`, {
      harbor_project_name: v.name, public: v.public ? 'true' : 'false', project_id: v.projectId,
    }),
  );
}

export function useSetWorkspacePublic() {
  return useInvalidating((v: { name: string; public: boolean }) =>
    imagesApi('PUT', `${ECNS_IMAGES}/harbor_project/${encodeURIComponent(v.name)}`, { public: v.public ? 'true' : 'false' }),
  );
}

export function useDeleteWorkspaces() {
  return useInvalidating((v: { names: string[]; force?: boolean }) =>
    imagesApi('DELETE', `${ECNS_IMAGES}/harbor_project/`, { harbor_projects: v.names, force: v.force ?? false }),
  );
}

export function useEditRepository() {
  return useInvalidating((v: { workspace: string; name: string; description: string; weight?: number; constraint?: Record<string, number> | null }) =>
    imagesApi<RepositoryDetail>('PUT', `${ECNS_IMAGES}/repositories/${repoPath(v.workspace, v.name)}`, {
      description: v.description, weight: v.weight, constraint: v.constraint,
    }),
  );
}

export function useDeleteRepositories() {
  return useInvalidating((images: { workspace: string; name: string }[]) =>
    imagesApi('DELETE', `${ECNS_IMAGES}/repositories/`, { images: images.map((i) => ({ harbor_project_name: i.workspace, image_name: i.name })) }),
  );
}

export function useDeleteTags() {
  return useInvalidating((v: { workspace: string; name: string; tags: string[] }) =>
    imagesApi('DELETE', `${ECNS_IMAGES}/repositories/${repoPath(v.workspace, v.name)}/tags/`, { tags: v.tags }),
  );
}

export interface ThirdRegistry {
  repositoryId: string;
  address: string;
  user: string;
}

const THIRD = '/v1/repository/third';

export function useThirdRegistries(p: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['images', 'third', p],
    queryFn: () => imagesApi<{ data: ThirdRegistry[]; total: number }>('GET', `${THIRD}${query({ page: p.page, pageSize: p.pageSize })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCreateThirdRegistry() {
  return useInvalidating((v: { repositoryId?: string; address: string; user: string; password: string }) =>
    imagesApi<{ data: ThirdRegistry }>('POST', THIRD, { ...v, repositoryId: v.repositoryId || undefined }),
  );
}

export function useDeleteThirdRegistry() {
  return useInvalidating((id: string) => imagesApi('DELETE', `${THIRD}/${encodeURIComponent(id)}`));
}

export interface GcStatus {
  job_status: 'pending' | 'finished';
  state: string;
  phase?: string;
  done?: number;
  total?: number;
  started_at?: string;
  finished_at?: string | null;
  removed_blobs?: number;
  freed_bytes?: number;
  message?: string;
}

export function useImageStorage() {
  return useQuery({
    queryKey: ['images', 'storage'],
    queryFn: () => imagesApi<{ storage: { free: number; total: number; used: number } }>('GET', `${ECNS_IMAGES}/systeminfo/volumes`),
  });
}

/** Polls every second while a collection runs, so the page shows it live. */
export function useGcStatus() {
  return useQuery({
    queryKey: ['images', 'gc'],
    queryFn: () => imagesApi<GcStatus>('GET', `${ECNS_IMAGES}/system/gc/schedule`),
    refetchInterval: (q) => (q.state.data?.job_status === 'pending' ? 1000 : false),
  });
}

export function useStartGc() {
  return useInvalidating(() => imagesApi<GcStatus>('POST', `${ECNS_IMAGES}/system/gc/schedule`, { type: 'Manual' }));
}

export interface ResyncResult {
  workspaces_added: number;
  repositories_added: number;
  repositories_removed: number;
  tags_added: number;
  tags_updated: number;
  tags_removed: number;
  skipped: string[];
}

/** Makes the catalog match the registry (system administrators). */
export function useResyncCatalog() {
  return useInvalidating(() => imagesApi<{ resync: ResyncResult }>('POST', `${ECNS_IMAGES}/system/resync`));
}
