import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * AES-256-GCM sealing of registry passwords at rest. The key comes from
 * PIER_SECRET_KEY (any string; hashed to 32 bytes) or, without it, from a
 * random key file created once under PIER_DATA_DIR. Several instances on
 * one PostgreSQL must share PIER_SECRET_KEY.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
let cached: Buffer | null = null;

function key(): Buffer {
  if (cached) return cached;
  const configured = process.env.PIER_SECRET_KEY;
  if (configured) {
    cached = createHash('sha256').update(configured).digest();
    return cached;
  }
  const dir = process.env.PIER_DATA_DIR || './data';
  const file = path.join(dir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  }
  cached = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  return cached;
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function unseal(sealed: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const d = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
}

/** For tests that switch keys. */
export function forgetSealKey(): void {
  cached = null;
}
