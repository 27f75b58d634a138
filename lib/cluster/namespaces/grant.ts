import type { Caller } from '@/lib/context';
import { PROJECT_LABEL, ROLES_ANNOTATION, USERS_ANNOTATION } from './labels';

/** What a caller may do with the objects of one namespace. */
export type NamespaceGrant = 'none' | 'read' | 'write';

/** The project a namespace belongs to, and whether the caller is one of its members. */
export interface NamespaceOwner {
  projectId: string;
  departmentId: string;
  member: boolean;
}

/** The ECNS restrictions a namespace carries (empty lists restrict nothing). */
export interface NamespaceRestrictions {
  userIds: string[];
  roles: string[];
}

interface Meta {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function ownerProjectId(meta: Meta | undefined): string | null {
  return meta?.labels?.[PROJECT_LABEL] || null;
}

export interface NsUserRef {
  id: string;
  name?: string;
  email?: string;
}

/** The users annotation, tolerating hand-edited junk (it then restricts nothing rather than locking everyone out). */
export function usersOf(meta: Meta | undefined): NsUserRef[] {
  const raw = meta?.annotations?.[USERS_ANNOTATION];
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    if (!Array.isArray(v)) return [];
    return v.filter((u): u is NsUserRef => typeof u === 'object' && u !== null && typeof (u as NsUserRef).id === 'string');
  } catch {
    return [];
  }
}

export function rolesOf(meta: Meta | undefined): string[] {
  const raw = meta?.annotations?.[ROLES_ANNOTATION];
  return raw ? raw.split(',').map((r) => r.trim()).filter(Boolean) : [];
}

export function restrictionsOf(meta: Meta | undefined): NamespaceRestrictions {
  return { userIds: usersOf(meta).map((u) => u.id), roles: rolesOf(meta) };
}

/**
 * The one rule for namespaces, used by the simulated cluster's API and by the
 * ECNS endpoints alike. System admins: everything. Department admins: the
 * namespaces of their department's projects. Developers and visitors: their
 * projects' namespaces, unless the namespace names its users (user_ids) or
 * roles and leaves them out; visitors only read. A project-scoped token
 * narrows any of these to its project. A namespace without an owner belongs
 * to nobody but system admins (and, in access.ts, the cluster's own department).
 */
export function namespaceGrant(user: Caller, owner: NamespaceOwner | null, r: NamespaceRestrictions): NamespaceGrant {
  if (user.scopeProjectId && owner?.projectId !== user.scopeProjectId) return 'none';
  if (user.role === 'system_admin') return 'write';
  if (!owner) return 'none';
  if (user.role === 'admin') return owner.departmentId === user.departmentId ? 'write' : 'none';
  if (!owner.member) return 'none';
  if (r.userIds.length && !r.userIds.includes(user.id)) return 'none';
  const ecnsRole = user.role === 'developer' ? 'Developer' : 'Visitor';
  if (r.roles.length && !r.roles.includes(ecnsRole)) return 'none';
  return user.role === 'developer' ? 'write' : 'read';
}
