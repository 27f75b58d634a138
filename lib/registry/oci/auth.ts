/**
 * Authentication against a Distribution registry as its 401 challenge asks:
 * `WWW-Authenticate: Basic realm=...` (send the credentials) or
 * `Bearer realm=...,service=...,scope=...` (fetch a token from the realm,
 * with the credentials when there are some, and send it).
 */

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses one challenge (registries send one); quoted values may hold commas. */
export function parseChallenge(header: string): Challenge | null {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2]))) params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  return { scheme: m[1].toLowerCase(), params };
}

export interface Credentials {
  username?: string;
  password?: string;
}

export function basicHeader(c: Credentials): string | null {
  if (c.username === undefined) return null;
  return `Basic ${Buffer.from(`${c.username}:${c.password ?? ''}`).toString('base64')}`;
}

/** Asks the challenge's realm for a token covering `scopes`. */
export async function fetchToken(ch: Challenge, scopes: string[], creds: Credentials): Promise<string> {
  if (!ch.params.realm) throw new Error('the registry asked for a bearer token without naming a realm');
  const url = new URL(ch.params.realm);
  if (ch.params.service) url.searchParams.set('service', ch.params.service);
  for (const s of scopes) url.searchParams.append('scope', s);
  const basic = basicHeader(creds);
  const res = await fetch(url, { headers: basic ? { authorization: basic } : {} });
  if (!res.ok) throw new RegistryAuthError(`the registry's token service answered ${res.status}`);
  const body = (await res.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token) throw new RegistryAuthError("the registry's token service returned no token");
  return token;
}

export class RegistryAuthError extends Error {}
