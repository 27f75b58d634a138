import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/db/client';

const KEY_BYTES = 32;

/** PIER_SECRET_KEY: 64 hex digits or the base64 of 32 bytes. Anything else is refused rather than stretched. */
export function parseSecretKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  if (b.length === KEY_BYTES && /^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return b;
  throw new Error('PIER_SECRET_KEY must be 32 bytes: 64 hex digits or their base64');
}

/**
 * The key file is created with O_EXCL, so two processes starting on one data
 * directory at once agree on the first one's key instead of each writing its own.
 */
function keyFromFile(file: string): Buffer {
  try {
    return parseSecretKey(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parseSecretKey(readFileSync(file, 'utf8'));
}

let cached: { source: string; key: Buffer } | null = null;

/** The sealing key: PIER_SECRET_KEY, else `secret.key` in PIER_DATA_DIR, generated on first use (mode 0600). */
export function secretKey(): Buffer {
  const env = process.env.PIER_SECRET_KEY;
  const source = env ? `env:${env}` : `file:${path.join(dataDir(), 'secret.key')}`;
  if (cached?.source === source) return cached.key;
  const key = env ? parseSecretKey(env) : keyFromFile(source.slice(5));
  cached = { source, key };
  return key;
}
