import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientAddress, cookieValue, PEER_HEADER, presentedSecret } from './credentials';

const h = (init: Record<string, string>) => new Headers(init);

describe('presentedSecret', () => {
  it('reads X-Auth-Token, Authorization: Token, Authorization: Bearer and the session cookie', () => {
    expect(presentedSecret(h({ 'x-auth-token': ' abc ' }))).toBe('abc');
    expect(presentedSecret(h({ authorization: 'Token abc' }))).toBe('abc');
    expect(presentedSecret(h({ authorization: 'token abc' }))).toBe('abc');
    expect(presentedSecret(h({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(presentedSecret(h({ cookie: 'a=1; pier_session=abc; b=2' }))).toBe('abc');
  });

  it('prefers X-Auth-Token over Authorization over the cookie', () => {
    expect(presentedSecret(h({ 'x-auth-token': 'x', authorization: 'Bearer y', cookie: 'pier_session=z' }))).toBe('x');
    expect(presentedSecret(h({ authorization: 'Bearer y', cookie: 'pier_session=z' }))).toBe('y');
  });

  it('returns null for nothing, other schemes and malformed headers', () => {
    expect(presentedSecret(h({}))).toBeNull();
    expect(presentedSecret(h({ authorization: 'Basic abc' }))).toBeNull();
    expect(presentedSecret(h({ authorization: 'Bearer' }))).toBeNull();
    expect(presentedSecret(h({ authorization: 'Bearer a b' }))).toBeNull();
    expect(presentedSecret(h({ cookie: 'xpier_session=abc; other=1' }))).toBeNull();
  });
});

describe('cookieValue', () => {
  it('decodes the named cookie and ignores look-alikes', () => {
    expect(cookieValue('a=1; pier_session=a%2Bb', 'pier_session')).toBe('a+b');
    expect(cookieValue('pier_session_old=1', 'pier_session')).toBeNull();
    expect(cookieValue(null, 'pier_session')).toBeNull();
  });
});

describe('clientAddress', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is the peer address Pier\'s server sets; a client X-Forwarded-For is ignored', () => {
    vi.stubEnv('PIER_TRUST_PROXY', '');
    expect(clientAddress(h({ [PEER_HEADER]: '10.0.0.1', 'x-forwarded-for': '1.2.3.4' }))).toBe('10.0.0.1');
    expect(clientAddress(h({}))).toBeNull();
  });

  it('behind a trusted proxy, the left-most X-Forwarded-For entry', () => {
    vi.stubEnv('PIER_TRUST_PROXY', 'true');
    expect(clientAddress(h({ [PEER_HEADER]: '10.0.0.1', 'x-forwarded-for': ' 1.2.3.4 , 10.0.0.9' }))).toBe('1.2.3.4');
    expect(clientAddress(h({ [PEER_HEADER]: '10.0.0.1' }))).toBe('10.0.0.1');
  });
});
