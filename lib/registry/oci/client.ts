/**
 * A small client for the OCI Distribution API (v2): requests with the auth a
 * registry's challenge asks for, retried once after a 401. Bodies are given
 * as factories, so a streamed upload can be replayed after authenticating.
 */
import { basicHeader, fetchToken, parseChallenge, RegistryAuthError, type Credentials } from './auth';

export interface RequestOptions {
  /** Token scope the request needs, e.g. `repository:ws/app:pull,push`. */
  scope: string;
  headers?: Record<string, string>;
  body?: () => BodyInit | undefined;
  /** Absolute URL (an upload Location) instead of a path under the base. */
  url?: string;
}

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class DistributionClient {
  private scheme: 'none' | 'basic' | 'bearer' = 'none';
  private readonly tokens = new Map<string, string>();
  private challenge: ReturnType<typeof parseChallenge> = null;

  constructor(
    readonly base: URL,
    private readonly creds: Credentials,
  ) {}

  async request(method: string, path: string, o: RequestOptions): Promise<Response> {
    const url = o.url ? new URL(o.url, this.base) : new URL(path, this.base);
    // Once the registry has said it wants tokens, get one for a new scope before sending a body.
    if (this.scheme === 'bearer' && !this.tokens.has(o.scope) && this.challenge) {
      await this.bearer(this.challenge, o.scope);
    }
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { ...o.headers };
      const auth = this.authHeader(o.scope);
      if (auth) headers.authorization = auth;
      const body = o.body?.();
      const init: RequestInit & { duplex?: 'half' } = { method, headers, body, redirect: 'follow' };
      if (body && typeof body === 'object' && 'getReader' in body) init.duplex = 'half';
      const res = await fetch(url, init);
      if (res.status !== 401 || attempt > 0) {
        if (res.status === 401) throw new RegistryAuthError(`the registry refused Pier's credentials (${method} ${url.pathname})`);
        return res;
      }
      await res.body?.cancel();
      await this.authenticate(res.headers.get('www-authenticate'), o.scope);
    }
  }

  private authHeader(scope: string): string | null {
    if (this.scheme === 'basic') return basicHeader(this.creds);
    if (this.scheme === 'bearer') {
      const t = this.tokens.get(scope);
      return t ? `Bearer ${t}` : null;
    }
    return null;
  }

  private async authenticate(header: string | null, scope: string): Promise<void> {
    const ch = header ? parseChallenge(header) : null;
    if (!ch) throw new RegistryAuthError('the registry answered 401 without a WWW-Authenticate challenge');
    if (ch.scheme === 'basic') {
      if (this.creds.username === undefined) throw new RegistryAuthError('the registry wants a user name and password (PIER_REGISTRY_USERNAME/PASSWORD)');
      this.scheme = 'basic';
      return;
    }
    if (ch.scheme !== 'bearer') throw new RegistryAuthError(`the registry asks for unsupported authentication "${ch.scheme}"`);
    this.scheme = 'bearer';
    this.challenge = ch;
    await this.bearer(ch, scope);
  }

  private async bearer(ch: NonNullable<ReturnType<typeof parseChallenge>>, scope: string): Promise<void> {
    const scopes = [scope, ch.params.scope].filter((s, i, a): s is string => !!s && a.indexOf(s) === i);
    this.tokens.set(scope, await fetchToken(ch, scopes, this.creds));
  }

  /** Throws a RegistryError carrying the registry's own error text unless the status is expected. */
  async expect(res: Response, ok: number[], what: string): Promise<Response> {
    if (ok.includes(res.status)) return res;
    let detail = '';
    try {
      const body = (await res.json()) as { errors?: Array<{ code?: string; message?: string }> };
      detail = (body.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ');
    } catch {
      // not JSON
    }
    throw new RegistryError(res.status, `${what}: the registry answered ${res.status}${detail ? ` (${detail})` : ''}`);
  }

  /** Follows `Link: <...>; rel="next"` pages of a list endpoint. */
  async *pages<T>(path: string, scope: string, what: string): AsyncGenerator<T | null> {
    let next: string | null = path;
    while (next) {
      const res = await this.request('GET', next, { scope });
      if (res.status === 404) {
        await res.body?.cancel();
        yield null;
        return;
      }
      await this.expect(res, [200], what);
      yield (await res.json()) as T;
      const link = res.headers.get('link');
      next = link ? (/<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] ?? null) : null;
    }
  }
}

export const repoScope = (repository: string, actions = 'pull,push') => `repository:${repository}:${actions}`;
