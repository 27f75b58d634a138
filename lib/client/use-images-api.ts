/**
 * The console's client for the image endpoints. The console speaks the ECNS
 * image API (and ote's for third-party registries) like any other client;
 * their error shapes become the same ApiError the rest of the console shows.
 */
import { ApiError, leaveTo, sendJson } from './api';

export const ECNS_IMAGES = '/api/ecns/image/images';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function errorOf(status: number, data: unknown): ApiError {
  const ecns = (data as { error?: { message?: string; title?: string } } | null)?.error;
  const ote = data as { message?: string; msg?: string } | null;
  const message = ecns?.message ?? ote?.message ?? ote?.msg ?? String(status);
  // Validation messages name each field: "field: problem; other: problem".
  const fields: Record<string, string> = {};
  if (status === 400) {
    for (const part of message.split('; ')) {
      const i = part.indexOf(': ');
      if (i > 0) fields[part.slice(0, i)] = part.slice(i + 2);
    }
  }
  return new ApiError(status, ecns?.title ?? 'error', message, fields);
}

export async function imagesApi<T>(method: Method, url: string, body?: unknown): Promise<T> {
  const { res, data } = await sendJson(method, url, body);
  if (res.status === 204) return undefined as T;
  if (res.ok) return data as T;
  if (res.status === 401) leaveTo(`/login?next=${encodeURIComponent(window.location.pathname)}`);
  throw errorOf(res.status, data);
}

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const q = s.toString();
  return q ? `?${q}` : '';
}

/** Path segments of a repository name (`team/app`) each encoded, slashes kept. */
export function repoPath(workspace: string, name: string): string {
  return `${encodeURIComponent(workspace)}/${name.split('/').map(encodeURIComponent).join('/')}`;
}
