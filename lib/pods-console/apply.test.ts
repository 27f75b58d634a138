import { describe, expect, it } from 'vitest';
import { applyPodMessages } from './apply';
import type { PodList, PodRow } from './schema';

const row = (name: string, rv: string, o: Partial<PodRow> = {}): PodRow => ({
  uid: `u-${name}`, namespace: 'alpha', name, status: 'Running', group: 'running', ready: '1/1', restarts: 0,
  node: 'n1', podIP: '10.0.0.1', images: ['nginx'], created: '2026-11-22T00:00:00Z', workload: '', resourceVersion: rv, ...o,
});
const list = (items: PodRow[]): PodList => ({ items, counts: { running: items.length, failed: 0, other: 0, total: items.length }, resourceVersion: '10', stale: false, namespaces: ['alpha'] });

describe('applyPodMessages', () => {
  it('inserts new rows in name order, replaces changed ones in place, drops deleted ones', () => {
    const before = list([row('a', '1'), row('c', '2')]);
    const after = applyPodMessages(before, [
      { type: 'ADDED', row: row('b', '11', { status: 'Pending', group: 'other' }) },
      { type: 'MODIFIED', row: row('c', '12', { restarts: 3 }) },
      { type: 'DELETED', uid: 'u-a', namespace: 'alpha', name: 'a' },
      { type: 'COUNTS', counts: { running: 1, failed: 0, other: 1, total: 2 } },
    ]);
    expect(after.items.map((r) => [r.name, r.status, r.restarts])).toEqual([['b', 'Pending', 0], ['c', 'Running', 3]]);
    expect(after.counts.total).toBe(2);
    expect(after.resourceVersion).toBe('10');
    expect(before.items).toHaveLength(2);
  });

  it('ignores deletes of rows it does not hold and copies older than the one it has', () => {
    const before = list([row('a', '5')]);
    const after = applyPodMessages(before, [
      { type: 'DELETED', uid: 'u-zz', namespace: 'alpha', name: 'zz' },
      { type: 'MODIFIED', row: row('a', '4', { restarts: 9 }) },
    ]);
    expect(after).toBe(before);
  });

  it('sorts by namespace, then name', () => {
    const after = applyPodMessages(list([row('b', '1')]), [{ type: 'ADDED', row: row('a', '2', { namespace: 'zeta', uid: 'u-za' }) }, { type: 'ADDED', row: row('z', '3', { namespace: 'alpha' }) }]);
    expect(after.items.map((r) => `${r.namespace}/${r.name}`)).toEqual(['alpha/b', 'alpha/z', 'zeta/a']);
  });
});
