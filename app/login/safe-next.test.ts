import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/admin/users?x=1')).toBe('/admin/users?x=1');
    expect(safeNext(['/images', '/other'])).toBe('/images');
  });

  it('refuses other origins, scheme-relative URLs and the sign-in page itself', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/login?next=/x', '', undefined, null]) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
