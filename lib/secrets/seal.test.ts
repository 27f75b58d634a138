import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSecretKey, secretKey } from './key';
import { seal, SealError, unseal } from './seal';

const KEY = Buffer.alloc(32, 7);

describe('seal', () => {
  it('round-trips and never contains the plaintext', () => {
    const s = seal('token: abc123', 'cluster-1', KEY);
    expect(s).not.toContain('abc123');
    expect(s.startsWith('v1:')).toBe(true);
    expect(unseal(s, 'cluster-1', KEY)).toBe('token: abc123');
  });

  it('uses a fresh nonce each time', () => {
    expect(seal('x', 'c', KEY)).not.toBe(seal('x', 'c', KEY));
  });

  it('refuses another row, another key, and tampering', () => {
    const s = seal('secret', 'cluster-1', KEY);
    expect(() => unseal(s, 'cluster-2', KEY)).toThrow(SealError);
    expect(() => unseal(s, 'cluster-1', Buffer.alloc(32, 8))).toThrow(SealError);
    const parts = s.split(':');
    parts[3] = Buffer.from('other').toString('base64');
    expect(() => unseal(parts.join(':'), 'cluster-1', KEY)).toThrow(SealError);
    expect(() => unseal('plain text', 'cluster-1', KEY)).toThrow('not a sealed value');
  });
});

describe('secret key', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('takes 64 hex digits or base64 of 32 bytes, nothing else', () => {
    expect(parseSecretKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseSecretKey(Buffer.alloc(32, 1).toString('base64'))).toEqual(Buffer.alloc(32, 1));
    expect(() => parseSecretKey('short')).toThrow('32 bytes');
    expect(() => parseSecretKey(Buffer.alloc(16).toString('base64'))).toThrow('32 bytes');
  });

  it('PIER_SECRET_KEY wins over the data directory', () => {
    vi.stubEnv('PIER_SECRET_KEY', 'cd'.repeat(32));
    expect(secretKey()).toEqual(Buffer.alloc(32, 0xcd));
  });

  it('without PIER_SECRET_KEY, generates secret.key once in PIER_DATA_DIR with mode 0600', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pier-key-'));
    try {
      vi.stubEnv('PIER_SECRET_KEY', '');
      vi.stubEnv('PIER_DATA_DIR', dir);
      const first = secretKey();
      const file = path.join(dir, 'secret.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(parseSecretKey(readFileSync(file, 'utf8'))).toEqual(first);
      vi.stubEnv('PIER_DATA_DIR', `${dir}/`);
      expect(secretKey()).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
