import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25], ['2', 2], ['1.5', 1.5], ['512Mi', 512 * 2 ** 20], ['8Gi', 8 * 2 ** 30], ['1G', 1e9], ['100k', 1e5], ['2e3', 2000], ['', 0], ['junk', 0],
  ])('%s', (q, n) => expect(parseQuantity(q)).toBeCloseTo(n as number));
});
