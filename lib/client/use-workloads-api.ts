/**
 * The console's client for the ECNS workload endpoints (and the namespace
 * switch they depend on). The console speaks ECNS like any other client; its
 * error shape becomes the ApiError the rest of the console shows, with the
 * `field: problem; …` parts of a 400 as `fields`.
 */
import { ApiError, leaveTo, sendJson } from './api';

/** The console works in the `eks` product type: the workload endpoints accept eks, hybrid and security alike. */
export const ECNS = '/api/ecns/eks';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function ecnsError(status: number, data: unknown): ApiError {
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

function signInAgain(res: Response) {
  if (res.status === 401) leaveTo(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

export async function ecnsApi<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const { res, data } = await sendJson(method, `${ECNS}${path}`, body);
  if (res.status === 204) return undefined as T;
  if (res.ok) return data as T;
  signInAgain(res);
  throw ecnsError(res.status, data);
}

/** A YAML answer (a revision's object): text, not JSON. */
export async function ecnsText(path: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${ECNS}${path}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  if (res.ok) return text;
  signInAgain(res);
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch { /* not the ECNS error shape */ }
  throw ecnsError(res.status, data);
}

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const q = s.toString();
  return q ? `?${q}` : '';
}
