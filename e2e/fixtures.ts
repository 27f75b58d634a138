import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type APIResponse, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_BASE_URL, E2E_DEMO_PASSWORD } from './playwright.config';

export { expect };

export const passwords = { admin: E2E_ADMIN_PASSWORD, demo: E2E_DEMO_PASSWORD } as const;

/** A new browser context signed in through the login form, on the console's home page. */
export async function signedIn(browser: Browser, name: string, password: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(name);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
  return page;
}

/** A name no other spec (or earlier run) uses: specs make their own data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The session cookie's value from a sign-in answer ("pier_session=..."). */
export function sessionCookieOf(res: APIResponse): string {
  const h = res.headersArray().find((x) => x.name.toLowerCase() === 'set-cookie');
  if (!h) throw new Error(`no set-cookie in the answer (${res.status()})`);
  return h.value.split(';')[0];
}

/** Signs in over HTTP and returns the "pier_session=..." pair. */
export async function signIn(request: APIRequestContext, name: string, password: string): Promise<string> {
  const res = await request.post('/api/pier/session', { data: { name, password } });
  expect(res.status(), `sign-in of ${name}`).toBe(201);
  return sessionCookieOf(res);
}

/** A Keystone token from POST /v3/auth/tokens. */
export async function keystoneToken(request: APIRequestContext, name: string, password: string, project?: string): Promise<string> {
  const res = await request.post('/v3/auth/tokens', {
    data: {
      auth: {
        identity: { methods: ['password'], password: { user: { name, password } } },
        ...(project ? { scope: { project: { name: project } } } : {}),
      },
    },
  });
  expect(res.status(), `token for ${name}`).toBe(201);
  const token = res.headers()['x-subject-token'];
  expect(token).toBeTruthy();
  return token;
}

type Fixtures = {
  /** An API client signed in as the system admin (session cookie sent on every request). */
  adminApi: APIRequestContext;
};

export const test = base.extend<Fixtures>({
  adminApi: async ({ playwright, request }, provide) => {
    const cookie = await signIn(request, 'admin', passwords.admin);
    const ctx = await playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { cookie } });
    await provide(ctx);
    await ctx.dispose();
  },
});
