import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretKey } from './key';

const VERSION = 'v1';

export class SealError extends Error {}

/**
 * AES-256-GCM with a fresh 96-bit nonce per seal. `context` (e.g. the row's
 * id) is bound as additional data, so a sealed value copied into another row
 * does not open there.
 */
export function seal(plaintext: string, context: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function unseal(sealed: string, context: string, key: Buffer = secretKey()): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new SealError('not a sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('the sealed value does not open with this key (was PIER_SECRET_KEY or secret.key changed?)');
  }
}
