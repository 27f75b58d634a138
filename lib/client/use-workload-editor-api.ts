/**
 * The workload editor's calls: the ECNS workload and YAML endpoints (the
 * console speaks ECNS like any other client) and Pier's namespace refs.
 * ECNS errors become the console's ApiError, with the `field: problem; …`
 * parts of a 400 as `fields` so the form can put each on its input.
 */
import { ApiError, leaveTo, sendJson } from './api';

/** The console works in product type `eks`: the workload endpoints take eks, hybrid and security alike. */
export const ECNS_WORKLOADS = '/api/ecns/eks';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function ecnsErrorOf(status: number, data: unknown): ApiError {
  const e = (data as { error?: { message?: string; title?: string } } | null)?.error;
  const message = e?.message ?? String(status);
  const fields: Record<string, string> = {};
  if (status === 400) {
    for (const part of message.split('; ')) {
      const i = part.indexOf(': ');
      if (i > 0 && !part.slice(0, i).includes(' ')) fields[part.slice(0, i)] = part.slice(i + 2);
    }
  }
  return new ApiError(status, e?.title ?? 'error', message, fields);
}

function onUnauthorized(res: Response) {
  if (res.status === 401) leaveTo(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

export async function ecnsCall<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const { res, data } = await sendJson(method, `${ECNS_WORKLOADS}${path}`, body);
  if (res.status === 204) return undefined as T;
  if (res.ok) return data as T;
  onUnauthorized(res);
  throw ecnsErrorOf(res.status, data);
}

/** A YAML answer (GET /_raw/…): text; a 404 is null (the object does not exist). */
export async function ecnsYaml(path: string): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(`${ECNS_WORKLOADS}${path}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  if (res.ok) return text;
  if (res.status === 404) return null;
  onUnauthorized(res);
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch { /* not the ECNS error shape */ }
  throw ecnsErrorOf(res.status, data);
}
