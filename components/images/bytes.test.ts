import { describe, expect, it } from 'vitest';
import { humanBytes, shortDigest } from './bytes';

describe('humanBytes', () => {
  it('keeps small sizes in bytes and scales by 1024', () => {
    expect(humanBytes(0)).toBe('0 B');
    expect(humanBytes(1023)).toBe('1023 B');
    expect(humanBytes(1024)).toBe('1.0 KiB');
    expect(humanBytes(1536)).toBe('1.5 KiB');
    expect(humanBytes(50 * 1024 * 1024)).toBe('50 MiB');
    expect(humanBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });
  it('shortens digests', () => {
    expect(shortDigest(`sha256:${'a'.repeat(64)}`)).toBe('sha256:aaaaaaaaaaaa');
  });
});
