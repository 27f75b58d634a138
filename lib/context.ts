import type { Db } from '@/db/client';
import type { Role } from './dialects/pier/org';

export type { Role };

/** The authenticated caller, as every core function sees it. */
export interface Caller {
  id: string;
  name: string;
  role: Role;
  departmentId: string | null;
  /** Set when the credential is scoped to one project (Keystone project scope). */
  scopeProjectId: string | null;
  /** How the caller authenticated: the token row, for audit and revocation. */
  tokenId: string | null;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Explicit context for core functions, so tests call them without HTTP. */
export interface Ctx {
  db: Db;
  user: Caller;
  clock: Clock;
  /** Which surface made the call: "console", "ote", "ief", "netease", "ecns", "keystone". */
  source: string;
}
