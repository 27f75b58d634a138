import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, newPassword, newSecret } from './secrets';

describe('secrets', () => {
  it('newSecret: "pier_" and 32 random bytes in base64url, never the same twice', () => {
    const s = newSecret();
    expect(s).toMatch(/^pier_[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 100 }, newSecret)).size).toBe(100);
  });

  it('hashSecret: SHA-256 hex, deterministic, differs per secret', () => {
    expect(hashSecret('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(hashSecret('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret('abc')).not.toBe(hashSecret('abd'));
  });

  it('newPassword: 16 URL-safe characters, random', () => {
    expect(newPassword()).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(newPassword()).not.toBe(newPassword());
  });
});
