/**
 * Calling route handlers directly, as Next.js would: a real Request in, a real
 * Response out, with the store installed by setupWorld().
 */
export const BASE = 'http://pier.test';

export const PEER = '192.0.2.10';

export interface RequestOptions {
  method?: string;
  /** Serialized as JSON with content-type application/json. */
  json?: unknown;
  /** A raw body (content type is up to `headers`). */
  body?: string;
  headers?: Record<string, string>;
  /** Sent as X-Auth-Token. */
  token?: string;
  /** The client address Pier's server would set (x-pier-peer-address). */
  peer?: string | null;
}

export function request(path: string, o: RequestOptions = {}): Request {
  const headers = new Headers(o.headers);
  if (o.peer !== null) headers.set('x-pier-peer-address', o.peer ?? PEER);
  if (o.token) headers.set('x-auth-token', o.token);
  let body: string | undefined = o.body;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(`${BASE}${path}`, { method: o.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
}

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response> | Response;

export async function call<P = Record<string, string>>(handler: Handler<P>, req: Request, params?: P): Promise<Response> {
  return handler(req, { params: Promise.resolve((params ?? {}) as P) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary wire JSON
export async function body<T = any>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`expected JSON, got ${res.status}: ${text.slice(0, 200)}`);
  }
}

/** The Keystone v3 password body. */
export function passwordAuth(o: {
  name?: string;
  id?: string;
  password: string;
  domain?: { name: string } | { id: string };
  project?: { name: string } | { id: string };
}) {
  const user: Record<string, unknown> = { password: o.password };
  if (o.name !== undefined) user.name = o.name;
  if (o.id !== undefined) user.id = o.id;
  if (o.domain) user.domain = o.domain;
  return {
    auth: {
      identity: { methods: ['password'], password: { user } },
      ...(o.project ? { scope: { project: o.project } } : {}),
    },
  };
}
