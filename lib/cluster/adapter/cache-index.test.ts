import { describe, expect, it } from 'vitest';
import { KeyedIndex, SortedByName, searchByName } from './cache-index';
import type { KubeObject } from './objects';

const obj = (namespace: string, name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, ...extra } }) as KubeObject;
const names = (l: readonly KubeObject[]) => l.map((o) => o.metadata?.name);

describe('SortedByName', () => {
  it('keeps each namespace sorted across adds, updates and deletes', () => {
    const s = new SortedByName();
    for (const n of ['web-c', 'web-a', 'db-1', 'web-b', 'a']) s.upsert(obj('one', n));
    s.upsert(obj('two', 'z'));
    expect(names(s.namespace('one'))).toEqual(['a', 'db-1', 'web-a', 'web-b', 'web-c']);
    expect(s.namespaces()).toEqual(['one', 'two']);
    // An update replaces the object in place: same order, new version.
    const v2 = obj('one', 'web-a', { resourceVersion: '2' });
    s.upsert(v2);
    expect(names(s.namespace('one'))).toEqual(['a', 'db-1', 'web-a', 'web-b', 'web-c']);
    expect(s.namespace('one')[2]).toBe(v2);
    s.remove(obj('one', 'db-1'));
    s.remove(obj('one', 'missing'));
    expect(names(s.namespace('one'))).toEqual(['a', 'web-a', 'web-b', 'web-c']);
    s.remove(obj('two', 'z'));
    expect(s.namespaces()).toEqual(['one']);
    expect(s.namespace('two')).toEqual([]);
    expect(s.size()).toBe(4);
  });

  it('orders by code unit, as the lists always did (digits before letters, no locale)', () => {
    const s = new SortedByName();
    for (const n of ['b', 'B', '10', '9', 'a-1', 'a1', 'a']) s.upsert(obj('x', n));
    expect(names(s.namespace('x'))).toEqual(['10', '9', 'B', 'a', 'a-1', 'a1', 'b']);
    const random = Array.from({ length: 500 }, (_, i) => `p-${((i * 7919) % 1009).toString(36)}-${i}`);
    for (const n of random) s.upsert(obj('y', n));
    expect(names(s.namespace('y'))).toEqual([...random].sort());
    // Built at once from a list: the same order, and kept as inserts go on.
    const bulk = SortedByName.of(random.map((n) => obj('y', n)));
    expect(names(bulk.namespace('y'))).toEqual([...random].sort());
    bulk.upsert(obj('y', 'p-0-new'));
    expect(names(bulk.namespace('y'))).toEqual([...random, 'p-0-new'].sort());
    expect(searchByName(s.namespace('y'), random[3])).toEqual({ at: [...random].sort().indexOf(random[3]), found: true });
  });
});

describe('KeyedIndex', () => {
  const byApp = (o: KubeObject) => Object.entries(o.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const labelled = (ns: string, name: string, labels: Record<string, string>) => obj(ns, name, { labels });

  it('answers per namespace, in the order objects were first added, across updates and deletes', () => {
    const k = new KeyedIndex(byApp);
    k.upsert(labelled('one', 'b', { app: 'web' }));
    k.upsert(labelled('one', 'a', { app: 'web' }));
    k.upsert(labelled('one', 'c', { app: 'db' }));
    k.upsert(labelled('two', 'd', { app: 'web' }));
    expect(names(k.lookup('one', ['app=web']))).toEqual(['b', 'a']);
    expect(names(k.lookup('two', ['app=web']))).toEqual(['d']);
    // c moves to app=web: it keeps its place in the cache's order (after b and a), and leaves app=db.
    k.upsert(labelled('one', 'c', { app: 'web' }));
    expect(names(k.lookup('one', ['app=db']))).toEqual([]);
    expect(names(k.lookup('one', ['app=web']))).toEqual(['b', 'a', 'c']);
    // b is deleted and made again: now last, as a watch-fed cache would list it.
    k.remove(labelled('one', 'b', {}));
    k.upsert(labelled('one', 'b', { app: 'web' }));
    expect(names(k.lookup('one', ['app=web']))).toEqual(['a', 'c', 'b']);
    // Several keys: each object once.
    k.upsert(labelled('one', 'e', { app: 'web', tier: 'x' }));
    expect(names(k.lookup('one', ['tier=x', 'app=web']))).toEqual(['a', 'c', 'b', 'e']);
    k.remove(labelled('one', 'e', {}));
    expect(names(k.lookup('one', ['tier=x']))).toEqual([]);
  });
});
