import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';

/** The PEM files Pier's TLS listener uses, and the CA a client must trust (null: a publicly trusted certificate). */
export interface TlsMaterial {
  key: string;
  cert: string;
  ca: string | null;
}

const CA_DAYS = 3650;
const SERVER_DAYS = 825;

export function tlsDir(dataDir: string): string {
  return path.join(dataDir, 'tls');
}

function rsaKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  // Node's native generator: node-forge's JavaScript one takes seconds for 2048 bits.
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.rsa.setPublicKey(key.n, key.e) };
}

function serial(): string {
  // Positive (high bit clear) and non-zero: Go's x509 refuses negative serials.
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x01;
  return b.toString('hex');
}

function validity(cert: forge.pki.Certificate, now: Date, days: number) {
  cert.validity.notBefore = new Date(now.getTime() - 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
}

function newCa(now: Date): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, now, CA_DAYS);
  const subject = [{ name: 'commonName', value: `Pier local CA (${os.hostname()})` }, { name: 'organizationName', value: 'Pier' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

/** The host names and addresses a server certificate names: localhost, loopback, this machine's name, and any extra. */
export function serverNames(extra: string[] = []): { dns: string[]; ips: string[] } {
  const all = ['localhost', '127.0.0.1', '::1', os.hostname(), ...extra].filter(Boolean);
  const isIp = (s: string) => /^[0-9.]+$/.test(s) || s.includes(':');
  return { dns: [...new Set(all.filter((s) => !isIp(s)))], ips: [...new Set(all.filter(isIp))] };
}

function newServerCert(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }, now: Date, names: { dns: string[]; ips: string[] }) {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, now, SERVER_DAYS);
  cert.setSubject([{ name: 'commonName', value: names.dns[0] ?? 'localhost' }, { name: 'organizationName', value: 'Pier' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...names.dns.map((value) => ({ type: 2, value })), ...names.ips.map((ip) => ({ type: 7, ip }))],
    },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function writeAtomic(file: string, text: string, mode: number) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, file);
}

/**
 * Pier's certificate: PIER_TLS_CERT/PIER_TLS_KEY when both are set (with
 * PIER_TLS_CA as the CA kubeconfigs carry, if any), else a self-signed CA and
 * a server certificate generated once into `<dataDir>/tls/`. The CA is kept
 * so that clients trusting ca.crt keep working when the server certificate
 * is renewed (delete server.crt to renew it).
 */
export function ensureTls(dataDir: string, env: NodeJS.ProcessEnv = process.env, now = new Date()): TlsMaterial {
  if (env.PIER_TLS_CERT || env.PIER_TLS_KEY) {
    if (!env.PIER_TLS_CERT || !env.PIER_TLS_KEY) throw new Error('PIER_TLS_CERT and PIER_TLS_KEY must be set together');
    return {
      cert: readFileSync(env.PIER_TLS_CERT, 'utf8'),
      key: readFileSync(env.PIER_TLS_KEY, 'utf8'),
      ca: env.PIER_TLS_CA ? readFileSync(env.PIER_TLS_CA, 'utf8') : null,
    };
  }
  const dir = tlsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (n: string) => path.join(dir, n);
  let ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  if (existsSync(f('ca.crt')) && existsSync(f('ca.key'))) {
    ca = {
      cert: forge.pki.certificateFromPem(readFileSync(f('ca.crt'), 'utf8')),
      key: forge.pki.privateKeyFromPem(readFileSync(f('ca.key'), 'utf8')) as forge.pki.rsa.PrivateKey,
    };
  } else {
    ca = newCa(now);
    writeAtomic(f('ca.key'), forge.pki.privateKeyToPem(ca.key), 0o600);
    writeAtomic(f('ca.crt'), forge.pki.certificateToPem(ca.cert), 0o644);
  }
  if (!existsSync(f('server.crt')) || !existsSync(f('server.key'))) {
    const extra = (env.PIER_TLS_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const server = newServerCert(ca, now, serverNames(extra));
    writeAtomic(f('server.key'), forge.pki.privateKeyToPem(server.key), 0o600);
    writeAtomic(f('server.crt'), forge.pki.certificateToPem(server.cert), 0o644);
  }
  return { key: readFileSync(f('server.key'), 'utf8'), cert: readFileSync(f('server.crt'), 'utf8'), ca: readFileSync(f('ca.crt'), 'utf8') };
}

/** The CA PEM that kubeconfigs carry, read from where ensureTls put it; null when the certificate is publicly trusted. */
export function caForClients(dataDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PIER_TLS_CERT) return env.PIER_TLS_CA ? readFileSync(env.PIER_TLS_CA, 'utf8') : null;
  const file = path.join(tlsDir(dataDir), 'ca.crt');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
