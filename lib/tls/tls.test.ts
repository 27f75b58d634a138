import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, get as httpGet } from 'node:http';
import { createServer as createHttpsServer, get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureTls } from './certs';
import { dualProtocolServer } from './sniff';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pier-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = (e: Record<string, string> = {}) => e as NodeJS.ProcessEnv;

// RSA key generation takes seconds on a busy 2-core machine.
describe('ensureTls', { timeout: 60_000 }, () => {
  it('generates a CA and a server certificate for localhost, 127.0.0.1 and the host name, once', () => {
    const first = ensureTls(dir, env());
    const ca = new X509Certificate(first.ca!);
    const server = new X509Certificate(first.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost(os.hostname())).toBe(os.hostname());
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(statSync(path.join(dir, 'tls', 'server.key')).mode & 0o077).toBe(0);
    expect(ensureTls(dir, env())).toEqual(first);
  });

  it('PIER_TLS_HOSTS adds names; a missing server certificate is renewed under the same CA', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'pier-tls-'));
    try {
      const t = ensureTls(other, env({ PIER_TLS_HOSTS: 'pier.example, 10.1.2.3' }));
      const server = new X509Certificate(t.cert);
      expect(server.checkHost('pier.example')).toBe('pier.example');
      expect(server.checkIP('10.1.2.3')).toBe('10.1.2.3');
      rmSync(path.join(other, 'tls', 'server.crt'));
      const renewed = ensureTls(other, env());
      expect(renewed.ca).toBe(t.ca);
      expect(renewed.cert).not.toBe(t.cert);
      expect(new X509Certificate(renewed.cert).checkIssued(new X509Certificate(t.ca!))).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('takes PIER_TLS_CERT and PIER_TLS_KEY as given, and refuses one without the other', () => {
    const f = path.join(dir, 'tls');
    const given = ensureTls('/nonexistent', env({ PIER_TLS_CERT: path.join(f, 'server.crt'), PIER_TLS_KEY: path.join(f, 'server.key') }));
    expect(given).toEqual({ cert: readFileSync(path.join(f, 'server.crt'), 'utf8'), key: readFileSync(path.join(f, 'server.key'), 'utf8'), ca: null });
    expect(() => ensureTls(dir, env({ PIER_TLS_CERT: path.join(f, 'server.crt') }))).toThrow(/together/);
  });
});

describe('dualProtocolServer', { timeout: 60_000 }, () => {
  it('answers plain HTTP and HTTPS on one port; HTTPS verifies only against the CA', async () => {
    const tls = ensureTls(dir, env());
    const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      let n = 0;
      req.on('data', (c: Buffer) => { n += c.length; });
      req.on('end', () => res.end(`${'encrypted' in req.socket ? 'tls' : 'plain'} ${n}`));
    };
    const plain = createServer(handler);
    const secure = createHttpsServer({ key: tls.key, cert: tls.cert }, handler);
    const server = dualProtocolServer(plain, secure);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const read = (res: import('node:http').IncomingMessage) => new Promise<string>((resolve) => {
      let s = '';
      res.on('data', (c) => { s += c; });
      res.on('end', () => resolve(s));
    });
    try {
      const a = await new Promise<string>((resolve, reject) => httpGet({ port, host: '127.0.0.1', agent: false }, (res) => resolve(read(res))).on('error', reject));
      expect(a).toBe('plain 0');
      const b = await new Promise<string>((resolve, reject) =>
        httpsGet({ port, host: '127.0.0.1', ca: tls.ca!, agent: false }, (res) => resolve(read(res))).on('error', reject));
      expect(b).toBe('tls 0');
      const refused = await new Promise<string>((resolve) =>
        httpsGet({ port, host: '127.0.0.1', agent: false }, () => resolve('accepted')).on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? e.message)));
      expect(refused).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      plain.closeAllConnections();
      secure.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
