import { describe, expect, it } from 'vitest';
import type { Caller } from '@/lib/context';
import { namespaceGrant, restrictionsOf, usersOf } from './grant';
import { ROLES_ANNOTATION, USERS_ANNOTATION, pspOfLabels, PSA_ENFORCE_LABEL } from './labels';

const caller = (role: Caller['role'], o: Partial<Caller> = {}): Caller =>
  ({ id: `u-${role}`, name: role, role, departmentId: role === 'system_admin' ? null : 'd1', scopeProjectId: null, tokenId: null, ...o });
const owner = { projectId: 'p1', departmentId: 'd1', member: true };
const open = { userIds: [], roles: [] };

describe('namespaceGrant', () => {
  it('by role', () => {
    expect(namespaceGrant(caller('system_admin'), null, open)).toBe('write');
    expect(namespaceGrant(caller('admin'), { ...owner, member: false }, open)).toBe('write');
    expect(namespaceGrant(caller('admin', { departmentId: 'd2' }), owner, open)).toBe('none');
    expect(namespaceGrant(caller('developer'), owner, open)).toBe('write');
    expect(namespaceGrant(caller('visitor'), owner, open)).toBe('read');
    expect(namespaceGrant(caller('developer'), { ...owner, member: false }, open)).toBe('none');
  });

  it('a namespace without an owner is only for system admins', () => {
    for (const role of ['admin', 'developer', 'visitor'] as const) expect(namespaceGrant(caller(role), null, open)).toBe('none');
  });

  it('user_ids and role narrow developers and visitors, not admins', () => {
    expect(namespaceGrant(caller('developer'), owner, { userIds: ['someone'], roles: [] })).toBe('none');
    expect(namespaceGrant(caller('developer'), owner, { userIds: ['u-developer'], roles: [] })).toBe('write');
    expect(namespaceGrant(caller('visitor'), owner, { userIds: [], roles: ['Developer'] })).toBe('none');
    expect(namespaceGrant(caller('developer'), owner, { userIds: [], roles: ['Developer'] })).toBe('write');
    expect(namespaceGrant(caller('admin'), owner, { userIds: ['someone'], roles: ['Visitor'] })).toBe('write');
  });

  it('a project-scoped token reaches only its project, even for system admins', () => {
    expect(namespaceGrant(caller('admin', { scopeProjectId: 'p2' }), owner, open)).toBe('none');
    expect(namespaceGrant(caller('system_admin', { scopeProjectId: 'p2' }), owner, open)).toBe('none');
    expect(namespaceGrant(caller('developer', { scopeProjectId: 'p1' }), owner, open)).toBe('write');
  });
});

describe('reading the namespace\'s annotations and labels', () => {
  it('users and roles; junk restricts nothing', () => {
    const meta = { annotations: { [USERS_ANNOTATION]: '[{"id":"a","name":"A"},{"x":1}]', [ROLES_ANNOTATION]: 'Developer, Visitor' } };
    expect(usersOf(meta)).toEqual([{ id: 'a', name: 'A' }]);
    expect(restrictionsOf(meta)).toEqual({ userIds: ['a'], roles: ['Developer', 'Visitor'] });
    expect(restrictionsOf({ annotations: { [USERS_ANNOTATION]: '{not json' } })).toEqual({ userIds: [], roles: [] });
  });

  it('psp from the Pod Security Admission level', () => {
    expect(pspOfLabels(undefined)).toBe('Unlimited');
    expect(pspOfLabels({ [PSA_ENFORCE_LABEL]: 'privileged' })).toBe('Unlimited');
    expect(pspOfLabels({ [PSA_ENFORCE_LABEL]: 'restricted' })).toBe('Limited');
    expect(pspOfLabels({ [PSA_ENFORCE_LABEL]: 'baseline' })).toBe('Limited');
  });
});
