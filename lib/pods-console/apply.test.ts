import { describe, expect, it } from 'vitest';
import { applyPodMessages, mergePodPage, pendingRows, type HeldPods } from './apply';
import type { PodList, PodRow } from './schema';

const row = (name: string, rv: string, o: Partial<PodRow> = {}): PodRow => ({
  uid: `u-${name}`, namespace: 'alpha', name, status: 'Running', group: 'running', ready: '1/1', restarts: 0,
  node: 'n1', podIP: '10.0.0.1', images: ['nginx'], created: '2026-11-22T00:00:00Z', workload: '', resourceVersion: rv, ...o,
});
const list = (items: PodRow[], next: string | null = null, total = items.length): HeldPods => ({ items, total, next, counts: { running: items.length, failed: 0, other: 0, total: items.length }, resourceVersion: '10', stale: false, namespaces: ['alpha'] });

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

describe('paging: the first page, then the rest merged in while the stream runs', () => {
  const page = (items: PodRow[], next: string | null, total: number): PodList => ({ ...list(items), next, total });

  it('appends later pages in order and counts what is still to come', () => {
    let held = list([row('a', '1'), row('b', '1')], 'alpha/b', 5);
    expect(pendingRows(held)).toBe(3);
    held = mergePodPage(held, page([row('c', '1'), row('d', '1')], 'alpha/d', 5));
    expect(held.items.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(pendingRows(held)).toBe(1);
    held = mergePodPage(held, page([row('e', '1')], null, 5));
    expect(held.items.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(held.next).toBeNull();
    expect(pendingRows(held)).toBe(0);
  });

  it('a pod the stream removed does not come back with a page served before the cache saw the removal', () => {
    let held = list([row('a', '1')], 'alpha/a', 3);
    held = applyPodMessages(held, [{ type: 'DELETED', uid: 'u-c', namespace: 'alpha', name: 'c', resourceVersion: '20' }]);
    expect(held.gone).toEqual({ 'u-c': '20' });
    held = mergePodPage(held, page([row('b', '3'), row('c', '7')], null, 3));
    expect(held.items.map((r) => r.name)).toEqual(['a', 'b']);
    // Made again after its removal (a newer version): that one stays.
    held = mergePodPage(list([row('a', '1')], 'alpha/a', 2, ), page([], null, 1));
    expect(held.gone).toBeUndefined();
    const again = mergePodPage(applyPodMessages(list([row('a', '1')], 'alpha/a', 2), [{ type: 'DELETED', uid: 'u-c', namespace: 'alpha', name: 'c', resourceVersion: '20' }]), page([row('c', '25')], null, 2));
    expect(again.items.map((r) => r.name)).toEqual(['a', 'c']);
  });

  it('a row the stream already moved on is not replaced by an older copy from a page; a row the stream added is not doubled', () => {
    let held = list([row('a', '1')], 'alpha/a', 3);
    held = applyPodMessages(held, [
      { type: 'MODIFIED', row: row('c', '30', { restarts: 2 }) },
      { type: 'ADDED', row: row('b', '31') },
    ]);
    held = mergePodPage(held, page([row('b', '31'), row('c', '12')], null, 3));
    expect(held.items.map((r) => [r.name, r.restarts])).toEqual([['a', 0], ['b', 0], ['c', 2]]);
  });
});
