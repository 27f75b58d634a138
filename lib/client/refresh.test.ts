import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refreshAfterChange } from './refresh';

/**
 * The race a console page hits on a cold server: its list's first fetch is
 * still in flight when a change lands; that fetch read the table before the
 * change. After the mutation's refresh the list must show the change.
 */
function table() {
  let rows = ['a'];
  const gates: (() => void)[] = [];
  return {
    change: () => { rows = [...rows, 'b']; },
    // Reads now, answers when released: a slow response to an early read.
    read: () => {
      const seen = rows;
      return new Promise<string[]>((resolve) => gates.push(() => resolve(seen)));
    },
    releaseAll: () => { while (gates.length) gates.shift()!(); },
  };
}

async function settle(t: ReturnType<typeof table>, until: () => boolean) {
  for (let i = 0; i < 50 && !until(); i++) {
    t.releaseAll();
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('refreshAfterChange', () => {
  it('a change made while the first fetch is in flight shows once the refresh settles', async () => {
    const qc = new QueryClient();
    const t = table();
    const observer = new QueryObserver(qc, { queryKey: ['rows'], queryFn: t.read });
    const unsubscribe = observer.subscribe(() => {});
    t.change();
    const done = refreshAfterChange(qc, { queryKey: ['rows'] });
    await settle(t, () => qc.getQueryData(['rows']) !== undefined && qc.getQueryState(['rows'])?.fetchStatus === 'idle');
    await done;
    expect(qc.getQueryData(['rows'])).toEqual(['a', 'b']);
    unsubscribe();
  });

  it('a plain invalidate joins the stale fetch (why the helper exists)', async () => {
    const qc = new QueryClient();
    const t = table();
    const observer = new QueryObserver(qc, { queryKey: ['rows'], queryFn: t.read });
    const unsubscribe = observer.subscribe(() => {});
    t.change();
    const done = qc.invalidateQueries({ queryKey: ['rows'] });
    await settle(t, () => qc.getQueryData(['rows']) !== undefined && qc.getQueryState(['rows'])?.fetchStatus === 'idle');
    await done;
    expect(qc.getQueryData(['rows'])).toEqual(['a']);
    unsubscribe();
  });
});
