import { describe, expect, it } from 'vitest';
import { KeyedIndex, SortedByKey, SortedByName, searchByName } from './cache-index';
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

describe('SortedByKey', () => {
  const phase = (o: KubeObject) => {
    const m = o.metadata as { labels?: Record<string, string> };
    return [m.labels?.state ?? '', m.labels?.phase ?? ''];
  };
  const pod = (ns: string, name: string, state: string, p = state) => obj(ns, name, { labels: { state, phase: p } });

  it('keeps each key\'s objects of a namespace sorted by name, moving an object when its keys change', () => {
    const s = new SortedByKey(phase);
    for (const n of ['c', 'a', 'b']) s.upsert(pod('one', n, 'running'));
    s.upsert(pod('one', 'd', 'imagepullbackoff', 'pending'));
    s.upsert(pod('two', 'a', 'running'));
    expect(names(s.lookup('one', 'running'))).toEqual(['a', 'b', 'c']);
    // Under both of its keys, once each; a key equal to another counts once.
    expect(names(s.lookup('one', 'pending'))).toEqual(['d']);
    expect(names(s.lookup('one', 'imagepullbackoff'))).toEqual(['d']);
    expect(names(s.lookup('two', 'running'))).toEqual(['a']);
    // b stops running: it leaves that bucket and joins its new ones, in order.
    const b2 = pod('one', 'b', 'terminating', 'running');
    s.upsert(pod('one', 'b', 'failed'));
    expect(names(s.lookup('one', 'running'))).toEqual(['a', 'c']);
    expect(names(s.lookup('one', 'failed'))).toEqual(['b']);
    s.upsert(b2);
    expect(s.lookup('one', 'running')[1]).toBe(b2);
    expect(names(s.lookup('one', 'failed'))).toEqual([]);
    // An update with the same keys replaces in place.
    const c2 = pod('one', 'c', 'running');
    s.upsert(c2);
    expect(s.lookup('one', 'running')[2]).toBe(c2);
    s.remove(pod('one', 'a', 'whatever'));
    s.remove(pod('one', 'zz', 'running'));
    expect(names(s.lookup('one', 'running'))).toEqual(['b', 'c']);
    expect(names(s.lookup('one', 'terminating'))).toEqual(['b']);
    expect(names(s.lookup('three', 'running'))).toEqual([]);
  });

  it('built from a whole list at once answers as one built by inserts', () => {
    const objects = Array.from({ length: 300 }, (_, i) => pod(`ns-${i % 3}`, `p-${((i * 7919) % 1009).toString(36)}-${i}`, i % 4 ? 'running' : 'pending'));
    const bulk = SortedByKey.of(phase, objects);
    const one = new SortedByKey(phase);
    for (const o of objects) one.upsert(o);
    for (const ns of ['ns-0', 'ns-1', 'ns-2']) {
      for (const k of ['running', 'pending']) {
        expect(names(bulk.lookup(ns, k))).toEqual(names(one.lookup(ns, k)));
        expect(names(bulk.lookup(ns, k))).toEqual(names(objects.filter((o) => o.metadata?.namespace === ns && phase(o)[0] === k)).sort());
      }
    }
    // And stays right as updates go on.
    bulk.upsert(pod('ns-0', objects[0].metadata!.name!, 'running'));
    expect(names(bulk.lookup('ns-0', 'pending'))).not.toContain(objects[0].metadata!.name);
    expect(names(bulk.lookup('ns-0', 'running'))).toContain(objects[0].metadata!.name);
  });
});
