'use client';

/**
 * The console's client for ote's application catalog (`/v1/app...`), called
 * with the session cookie like any ote client. Owns the query keys and
 * invalidates them after each change.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppCreateInput, AppItem } from '@/lib/dialects/ote/app';
import type { NameMode } from '@/lib/catalog/list';
import { imagesApi, query } from './use-images-api';

export type { AppItem };

export const appKeys = {
  all: ['apps'] as const,
  list: (p: object) => ['apps', 'list', p] as const,
  versions: (project: string, name: string) => ['apps', 'versions', project, name] as const,
  version: (id: number) => ['apps', 'version', id] as const,
};

export interface AppListParams {
  project: string;
  page: number;
  pageSize: number;
  q?: string;
  mode?: NameMode;
}

/** One row per application (its newest version, with `versions`), of one project. */
export function useApps(p: AppListParams, enabled = true) {
  return useQuery({
    queryKey: appKeys.list(p),
    queryFn: () =>
      imagesApi<{ apps: AppItem[]; total: number }>(
        'GET',
        `/v1/app${query({ projectName: p.project, latest: true, page: p.page, pageSize: p.pageSize, appName: p.q, appNameMode: p.q ? p.mode : undefined })}`,
      ),
    placeholderData: keepPreviousData,
    enabled: enabled && !!p.project,
  });
}

/** Every version of one application, highest version first (1.10 above 1.9). */
export function useAppVersions(project: string, name: string) {
  return useQuery({
    queryKey: appKeys.versions(project, name),
    queryFn: () =>
      imagesApi<{ apps: AppItem[]; total: number }>('GET', `/v1/app${query({ projectName: project, appName: name, appNameMode: 'strict', pageSize: 0, orderBy: 'version' })}`),
    enabled: !!project && !!name,
  });
}

/** One version in full (a chart version with its values and templates). */
export function useAppVersion(id: number | null) {
  return useQuery({
    queryKey: appKeys.version(id ?? 0),
    queryFn: () => imagesApi<{ data: AppItem }>('GET', `/v1/app/id/${id}`).then((r) => r.data),
    enabled: id !== null,
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 2,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.all }) });
}

export function useCreateAppVersion() {
  return useInvalidating((body: AppCreateInput) => imagesApi<{ data: AppItem }>('POST', '/v1/app', body).then((r) => r.data));
}

export function useDeleteAppVersions() {
  return useInvalidating((ids: number[]) => imagesApi('DELETE', '/v1/app', { appId: ids }));
}
