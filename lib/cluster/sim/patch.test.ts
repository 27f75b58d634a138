import { describe, expect, it } from 'vitest';
import { jsonEqual, jsonPatch, mergePatch, PatchError } from './patch';

describe('mergePatch (RFC 7386)', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j (the RFC examples)', (target, patch, want) => {
    expect(mergePatch(target, patch)).toEqual(want);
  });

  it('does not change its inputs', () => {
    const t = { a: { b: 1 } };
    mergePatch(t, { a: { b: 2 } });
    expect(t).toEqual({ a: { b: 1 } });
  });
});

describe('jsonPatch (RFC 6902)', () => {
  it('adds, removes, replaces, moves, copies and tests', () => {
    const doc = { a: { b: [1, 2] }, c: 'x' };
    const out = jsonPatch(doc, [
      { op: 'add', path: '/a/b/1', value: 9 },
      { op: 'add', path: '/a/b/-', value: 3 },
      { op: 'replace', path: '/c', value: 'y' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/d', path: '/e' },
      { op: 'remove', path: '/a/b/0' },
      { op: 'test', path: '/a/b', value: [9, 2, 3] },
      { op: 'add', path: '/f~1g', value: { h: true } },
    ]);
    expect(out).toEqual({ a: { b: [9, 2, 3] }, c: 'y', e: 'y', 'f/g': { h: true } });
    expect(doc).toEqual({ a: { b: [1, 2] }, c: 'x' });
  });

  it.each([
    [[{ op: 'remove', path: '/nope' }], /missing path/],
    [[{ op: 'replace', path: '/nope', value: 1 }], /missing path/],
    [[{ op: 'test', path: '/a', value: 2 }], /test operation failed/],
    [[{ op: 'add', path: '/l/5', value: 1 }], /out of bounds/],
    [[{ op: 'jump', path: '/a' }], /unknown operation/],
    [[{ op: 'add', path: '/b' }], /no "value"/],
    [{ op: 'add' }, /array/],
  ])('refuses %j', (ops, message) => {
    expect(() => jsonPatch({ a: 1, l: [] }, ops)).toThrow(PatchError);
    expect(() => jsonPatch({ a: 1, l: [] }, ops)).toThrow(message);
  });
});

it('jsonEqual ignores key order only', () => {
  expect(jsonEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
  expect(jsonEqual([1, 2], [2, 1])).toBe(false);
});
