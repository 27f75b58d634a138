import { createHash, randomBytes } from 'node:crypto';

/** A new bearer secret: "pier_" plus 32 random bytes, base64url. */
export function newSecret(): string {
  return `pier_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A readable password for first-start accounts. */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}
