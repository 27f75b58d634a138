/** The console's fetch client for /api/pier: JSON in, JSON out, typed errors. */

export interface ApiErrorBody {
  code: number;
  reason: string;
  message: string;
  fields?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Seconds, from Retry-After on 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Paths under /api/pier that answer 401 as part of their job, not because the session ended. */
const NO_REDIRECT = ['/session', '/me/password'];

let leaving = false;

/**
 * A full page load elsewhere (sign-out, session gone). Requests still in
 * flight may answer 401 meanwhile; they must not start a second navigation.
 */
export function leaveTo(url: string) {
  if (leaving) return;
  leaving = true;
  window.location.replace(url);
}

function goToSignIn() {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== '/login') leaveTo(`/login?next=${encodeURIComponent(here)}`);
}

/**
 * One JSON request of the console: the answer and its parsed body (null for
 * 204 or a body that is not JSON). A failed connection is ApiError 0 "network".
 */
export async function sendJson(method: string, url: string, body?: unknown): Promise<{ res: Response; data: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  return { res, data };
}

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const { res, data } = await sendJson(method, `/api/pier${path}`, body);
  if (res.status === 204) return undefined as T;
  if (res.ok) return data as T;
  const err = (data as { error?: ApiErrorBody } | null)?.error;
  if (res.status === 401 && !NO_REDIRECT.some((p) => path.startsWith(p))) goToSignIn();
  const retry = Number(res.headers.get('retry-after'));
  throw new ApiError(
    res.status,
    err?.reason ?? 'unknown',
    err?.message ?? res.statusText,
    err?.fields ?? {},
    Number.isFinite(retry) && retry > 0 ? retry : null,
  );
}

export const get = <T>(path: string) => api<T>('GET', path);

/** Query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
}
