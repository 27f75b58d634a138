import { describe, expect, it } from 'vitest';
import { labelsText, parseLabelsText } from './labels-text';

describe('labels text', () => {
  it('reads lines and commas, and writes lines', () => {
    expect(parseLabelsText('env=prod, team = web\nzone=')).toEqual({ env: 'prod', team: 'web', zone: '' });
    expect(parseLabelsText('')).toEqual({});
    expect(labelsText({ a: '1', b: '2' })).toBe('a=1\nb=2');
  });

  it('refuses a part without a key', () => {
    expect(parseLabelsText('env')).toBeNull();
    expect(parseLabelsText('=x')).toBeNull();
  });
});
