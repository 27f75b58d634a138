import { describe, expect, it } from 'vitest';
import type { KubeClients } from './connect';
import { noteWrite, ownWriteKey, pendingWrites, shows, type OwnWrite } from './own-writes';

const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment' };
const clients = (id: string) => ({ cluster: { id } }) as unknown as KubeClients;
const obj = (rv: string, extra: Record<string, unknown> = {}) => ({ metadata: { name: 'web', namespace: 'a', resourceVersion: rv, ...extra } });
const write = (o: Partial<OwnWrite>): OwnWrite => ({ namespace: 'a', name: 'web', deleted: false, at: Date.now(), ...o });

describe('shows: whether a cached copy shows an own write', () => {
  it('a create or update: the object at that resourceVersion or later (numbers compared as numbers)', () => {
    expect(shows(undefined, write({ resourceVersion: '9' }))).toBe(false);
    expect(shows(obj('8'), write({ resourceVersion: '9' }))).toBe(false);
    expect(shows(obj('9'), write({ resourceVersion: '9' }))).toBe(true);
    expect(shows(obj('10'), write({ resourceVersion: '9' }))).toBe(true);
  });
  it('opaque (non-numeric) versions only match exactly', () => {
    expect(shows(obj('abc'), write({ resourceVersion: 'abc' }))).toBe(true);
    expect(shows(obj('abd'), write({ resourceVersion: 'abc' }))).toBe(false);
  });
  it('a delete: gone, or terminating', () => {
    expect(shows(undefined, write({ deleted: true }))).toBe(true);
    expect(shows(obj('5'), write({ deleted: true }))).toBe(false);
    expect(shows(obj('6', { deletionTimestamp: '2026-01-01T00:00:00Z' }), write({ deleted: true }))).toBe(true);
  });
});

describe('noteWrite / pendingWrites', () => {
  it('remembers writes per cluster and kind until they are seen', () => {
    const c = clients('c1');
    noteWrite(c, DEPLOY, 'web', 'a', obj('7'));
    noteWrite(c, DEPLOY, 'api', 'a', undefined, true);
    noteWrite(clients('c2'), DEPLOY, 'web', 'a', obj('3'));
    const key = ownWriteKey('c1', DEPLOY);
    expect(pendingWrites(key, () => false).map((w) => w.name)).toEqual(['web', 'api']);
    expect(pendingWrites(key, (w) => w.name === 'web').map((w) => w.name)).toEqual(['api']);
    expect(pendingWrites(key, () => true)).toEqual([]);
    expect(pendingWrites(key, () => false)).toEqual([]);
    expect(pendingWrites(ownWriteKey('c2', DEPLOY), () => false)).toHaveLength(1);
  });
  it('a write without a name is not remembered', () => {
    noteWrite(clients('c3'), DEPLOY, undefined, 'a', obj('1'));
    expect(pendingWrites(ownWriteKey('c3', DEPLOY), () => false)).toEqual([]);
  });
});
