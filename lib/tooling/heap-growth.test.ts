import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } from './heap-growth';

describe('PIER_HEAP_GROWING_PERCENT', () => {
  it('unset or empty is Pier\'s default, 0 keeps V8\'s own, whole percents are taken', () => {
    expect(heapGrowingPercent(undefined)).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent(' ')).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent('0')).toBe(0);
    expect(heapGrowingPercent('100')).toBe(100);
    expect(heapGrowingPercent('1000')).toBe(1000);
  });

  it('anything else stops the start with the variable named', () => {
    for (const bad of ['-1', '1001', '12.5', 'fifty', '50%']) {
      expect(() => heapGrowingPercent(bad)).toThrow(/PIER_HEAP_GROWING_PERCENT/);
    }
  });
});
