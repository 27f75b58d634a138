import { describe, expect, it } from 'vitest';
import { Conflict } from '@/lib/errors';
import { errorFromStatus } from './errors';
import { retryOnConflict } from './retry-conflict';

const status = (code: number, reason: string) =>
  errorFromStatus({ code, reason, message: `${reason} here` });

describe('retryOnConflict', () => {
  it('runs the attempt again after a stale resourceVersion, and answers what the good attempt answered', async () => {
    let calls = 0;
    const out = await retryOnConflict(async () => {
      calls++;
      if (calls < 3) throw status(409, 'Conflict');
      return 'written';
    });
    expect(out).toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up after the last try with the Conflict itself', async () => {
    let calls = 0;
    const err = await retryOnConflict(async () => {
      calls++;
      throw status(409, 'Conflict');
    }, 3).catch((e) => e);
    expect(err).toBeInstanceOf(Conflict);
    expect(calls).toBe(3);
  });

  it('does not retry AlreadyExists (also a 409) or any other error', async () => {
    for (const e of [status(409, 'AlreadyExists'), status(422, 'Invalid'), new Conflict('not from the cluster')]) {
      let calls = 0;
      const err = await retryOnConflict(async () => {
        calls++;
        throw e;
      }).catch((x) => x);
      expect(err).toBe(e);
      expect(calls).toBe(1);
    }
  });
});
