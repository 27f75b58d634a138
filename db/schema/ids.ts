import { randomBytes } from 'node:crypto';

/** Keystone- and Huawei-style ids: 32 lowercase hex characters. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}
