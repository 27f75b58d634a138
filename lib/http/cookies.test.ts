import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearedSessionCookie, sessionCookie } from './cookies';

const attrs = (c: string) => c.split(';').map((s) => s.trim());

describe('session cookie', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is HttpOnly, SameSite=Lax, Path=/, with an expiry, and not Secure by default', () => {
    vi.stubEnv('PIER_SECURE_COOKIES', '');
    const c = attrs(sessionCookie('pier_a+b', new Date('2030-01-02T03:04:05Z')));
    expect(c[0]).toBe('pier_session=pier_a%2Bb');
    expect(c).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Expires=Wed, 02 Jan 2030 03:04:05 GMT']));
    expect(c).not.toContain('Secure');
  });

  it('is Secure when PIER_SECURE_COOKIES=true', () => {
    vi.stubEnv('PIER_SECURE_COOKIES', 'true');
    expect(attrs(sessionCookie('s', new Date()))).toContain('Secure');
  });

  it('clearing expires it in the past with the same attributes', () => {
    const c = attrs(clearedSessionCookie());
    expect(c[0]).toBe('pier_session=');
    expect(c).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
    expect(Date.parse(c.find((a) => a.startsWith('Expires='))!.slice(8))).toBeLessThan(Date.now());
  });
});
