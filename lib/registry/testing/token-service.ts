/**
 * A token service for docker-registry's `auth: token` mode, for tests: the
 * registry itself is the real one; the token issuer (in production Harbor's
 * core, or docker's auth server, neither installed here) is this small HTTP
 * server. It checks basic-auth credentials and signs an RS256 JWT whose x5c
 * header carries a self-signed certificate the registry trusts as root.
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import forge from 'node-forge';

export interface TokenService {
  realm: string;
  service: string;
  issuer: string;
  rootCertPem: string;
  /** Scopes asked for, in order, for assertions. */
  requests: string[][];
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function selfSigned(): { keyPem: string; certPem: string; certDerB64: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.rsa.setPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'pier-test-token-issuer' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, digitalSignature: true }]);
  cert.sign(key, forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return { keyPem: privateKey, certPem: forge.pki.certificateToPem(cert), certDerB64: Buffer.from(der, 'binary').toString('base64') };
}

function access(scope: string): { type: string; name: string; actions: string[] } | null {
  // type:name:actions, where the name may itself hold colons (registry:catalog:*).
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return null;
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') };
}

export async function startTokenService(user: string, password: string): Promise<TokenService> {
  const { keyPem, certPem, certDerB64 } = selfSigned();
  const service = 'pier-test-registry';
  const issuer = 'pier-test-issuer';
  const requests: string[][] = [];
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const scopes = url.searchParams.getAll('scope');
    requests.push(scopes);
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certDerB64] };
    const claims = {
      iss: issuer,
      sub: user,
      aud: url.searchParams.get('service'),
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access: scopes.map(access).filter(Boolean),
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = createSign('RSA-SHA256').update(signingInput).sign(keyPem);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${signingInput}.${b64url(sig)}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    rootCertPem: certPem,
    requests,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
