import { describe, expect, it } from 'vitest';
import { bytes, cores, share } from './format';

describe('format', () => {
  it('cores, bytes and shares', () => {
    expect(cores(0.75)).toBe('0.75');
    expect(cores(4)).toBe('4');
    expect(bytes(8 * 2 ** 30)).toBe('8 Gi');
    expect(bytes(256 * 2 ** 20)).toBe('256 Mi');
    expect(bytes(512)).toBe('512');
    expect(share(1, 4)).toBe(25);
    expect(share(1, 0)).toBe(0);
  });
});
