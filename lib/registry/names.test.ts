import { describe, expect, it } from 'vitest';
import { Invalid } from '@/lib/errors';
import { MAX_REPOSITORY_LENGTH, checkRepositoryName, checkTag, checkWorkspace, isRepositoryName, isTag, parseReference } from './names';

describe('OCI distribution name grammar', () => {
  it.each(['a', 'library/nginx', 'a.b_c__d---e/f0', 'ws/team/app', '0/1'])('accepts repository %s', (n) => {
    expect(isRepositoryName(n)).toBe(true);
  });
  it.each(['', 'A', 'a//b', '/a', 'a/', 'a_', '_a', 'a___b', 'a..b', 'a.-b', 'a:b', 'a b', 'é'])('refuses repository %j', (n) => {
    expect(isRepositoryName(n)).toBe(false);
  });
  it(`limits a repository name to ${MAX_REPOSITORY_LENGTH} characters`, () => {
    expect(isRepositoryName('a'.repeat(255))).toBe(true);
    expect(isRepositoryName('a'.repeat(256))).toBe(false);
  });
  it.each(['latest', 'v1.2.3', '_x', 'A-b_c.d', 't'.repeat(128)])('accepts tag %s', (t) => {
    expect(isTag(t)).toBe(true);
  });
  it.each(['', '.x', '-x', 'a:b', 'a/b', 'a+b', 't'.repeat(129)])('refuses tag %j', (t) => {
    expect(isTag(t)).toBe(false);
  });
  it('the check functions throw Invalid naming the field', () => {
    expect(() => checkRepositoryName('Bad')).toThrow(Invalid);
    try {
      checkTag('.x', 'tagName');
    } catch (e) {
      expect((e as Invalid).fields).toHaveProperty('tagName');
    }
    expect(() => checkWorkspace('a/b')).toThrow(/workspace/);
    expect(checkWorkspace('alpha')).toBe('alpha');
  });
});

describe('parseReference', () => {
  it('splits host, repository, tag and digest as docker does', () => {
    expect(parseReference('nginx')).toEqual({ host: null, repository: 'nginx', tag: null, digest: null });
    expect(parseReference('library/nginx:1.25')).toEqual({ host: null, repository: 'library/nginx', tag: '1.25', digest: null });
    expect(parseReference('localhost:5000/a/b:t')).toEqual({ host: 'localhost:5000', repository: 'a/b', tag: 't', digest: null });
    expect(parseReference('registry.example.com/a@sha256:abc')).toEqual({ host: 'registry.example.com', repository: 'a', tag: null, digest: 'sha256:abc' });
    expect(parseReference('localhost/x')).toMatchObject({ host: 'localhost', repository: 'x' });
  });
});
