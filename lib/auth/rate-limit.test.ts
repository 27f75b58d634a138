import { describe, expect, it } from 'vitest';
import { FAILURE_WINDOW_MS, MAX_FAILURES, failureKeys } from './rate-limit';

describe('failureKeys', () => {
  it('keys a user case-insensitively, and the address separately', () => {
    expect(failureKeys('Dev', '10.0.0.1')).toEqual(['user:dev', 'addr:10.0.0.1']);
    expect(failureKeys('dev', null)).toEqual(['user:dev']);
  });

  it('the limit is more than 10 in a minute', () => {
    expect(MAX_FAILURES).toBe(10);
    expect(FAILURE_WINDOW_MS).toBe(60_000);
  });
});
