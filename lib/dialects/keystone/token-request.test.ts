import { describe, expect, it } from 'vitest';
import { zodFields } from '@/lib/http/body';
import { tokenRequest } from './token-request';

const base = (user: Record<string, unknown>, scope?: unknown) => ({
  auth: { identity: { methods: ['password'], password: { user } }, ...(scope ? { scope } : {}) },
});

function fields(v: unknown) {
  const r = tokenRequest.safeParse(v);
  return r.success ? {} : zodFields(r.error);
}

describe('Keystone token request schema', () => {
  it('accepts name+domain, id, and a project scope by name or id', () => {
    expect(fields(base({ name: 'dev', password: 'p', domain: { name: 'Demo' } }))).toEqual({});
    expect(fields(base({ id: 'abc', password: 'p' }))).toEqual({});
    expect(fields(base({ name: 'dev', password: 'p' }, { project: { name: 'alpha' } }))).toEqual({});
    expect(fields(base({ name: 'dev', password: 'p' }, { project: { id: 'abc', domain: { id: 'd' } } }))).toEqual({});
  });

  it('needs exactly one of user name and id, and of project name and id', () => {
    expect(fields(base({ password: 'p' }))).toHaveProperty(['auth.identity.password.user.name']);
    expect(fields(base({ name: 'a', id: 'b', password: 'p' }))).toHaveProperty(['auth.identity.password.user.name']);
    expect(fields(base({ name: 'a', password: 'p' }, { project: {} }))).toHaveProperty(['auth.scope.project.name']);
  });

  it('names unknown fields', () => {
    expect(fields({ ...base({ name: 'a', password: 'p' }), x: 1 })).toEqual({ x: 'unknown field' });
    expect(fields(base({ name: 'a', password: 'p', email: 'e' }))).toEqual({ 'auth.identity.password.user.email': 'unknown field' });
  });
});
