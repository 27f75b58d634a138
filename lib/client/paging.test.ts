import { describe, expect, it } from 'vitest';
import { pageAfterDelete } from './paging';

describe('pageAfterDelete', () => {
  it('steps back when the last row of a later page goes', () => {
    expect(pageAfterDelete(3, 1)).toBe(2);
  });

  it('stays when rows remain, on the first page, or when the page is not known', () => {
    expect(pageAfterDelete(3, 2)).toBe(3);
    expect(pageAfterDelete(1, 1)).toBe(1);
    expect(pageAfterDelete(2, undefined)).toBe(2);
  });
});
