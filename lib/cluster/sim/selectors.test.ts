import { describe, expect, it } from 'vitest';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { K8sError } from './status';

describe('label selectors', () => {
  it('parses every operator', () => {
    expect(parseLabelSelector('app=web, tier==front,env!=prod,zone in (a, b),role notin (x),has,!gone,example.com/k=v')).toEqual([
      { key: 'app', op: 'eq', value: 'web' },
      { key: 'tier', op: 'eq', value: 'front' },
      { key: 'env', op: 'neq', value: 'prod' },
      { key: 'zone', op: 'in', values: ['a', 'b'] },
      { key: 'role', op: 'notin', values: ['x'] },
      { key: 'has', op: 'exists' },
      { key: 'gone', op: 'notexists' },
      { key: 'example.com/k', op: 'eq', value: 'v' },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('edge=')).toEqual([{ key: 'edge', op: 'eq', value: '' }]);
  });

  it.each(['app=we b', 'in (a)', 'app in a', '=x', 'app=(x)', 'a,,b'])('refuses %j with 400 BadRequest', (s) => {
    try {
      parseLabelSelector(s);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(K8sError);
      expect((e as K8sError).k8s).toMatchObject({ code: 400, reason: 'BadRequest' });
    }
  });

  it('matches like the apiserver: != and notin match objects without the key', () => {
    const m = (s: string, l: Record<string, string>) => matchesLabels(parseLabelSelector(s), l);
    expect(m('app=web', { app: 'web' })).toBe(true);
    expect(m('app=web', {})).toBe(false);
    expect(m('app!=web', {})).toBe(true);
    expect(m('app notin (web)', {})).toBe(true);
    expect(m('app in (web,db)', { app: 'db' })).toBe(true);
    expect(m('app in (web,db)', { app: 'x' })).toBe(false);
    expect(m('app,!tier', { app: '' })).toBe(true);
    expect(m('app,!tier', { app: '', tier: 'x' })).toBe(false);
  });
});

describe('field selectors', () => {
  it('knows the fields each resource supports', () => {
    expect(parseFieldSelector({ plural: 'pods' }, 'spec.nodeName=worker-1,status.phase!=Running')).toEqual([
      { field: 'spec.nodeName', op: 'eq', value: 'worker-1' },
      { field: 'status.phase', op: 'neq', value: 'Running' },
    ]);
    expect(() => parseFieldSelector({ plural: 'configmaps' }, 'spec.nodeName=x')).toThrow('field label not supported: spec.nodeName');
  });

  it('compares a missing field as ""', () => {
    const reqs = parseFieldSelector({ plural: 'pods' }, 'spec.nodeName=');
    expect(matchesFields(reqs, { spec: {} })).toBe(true);
    expect(matchesFields(reqs, { spec: { nodeName: 'a' } })).toBe(false);
  });
});
