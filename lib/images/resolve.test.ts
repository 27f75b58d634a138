import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedRegistry } from '@/lib/registry';
import { parseImageReference } from './resolve';
import { setCatalogBackend } from './registry-link';

beforeAll(() => setCatalogBackend(new EmbeddedRegistry('/nonexistent-never-touched', 'pier.local:5000')));
afterAll(() => setCatalogBackend(null));

describe('parseImageReference', () => {
  it('a bare name is the library workspace, latest by default', () => {
    expect(parseImageReference('nginx')).toEqual({ workspace: 'library', repository: 'nginx', tag: 'latest', digest: undefined });
    expect(parseImageReference('nginx:1.27')).toMatchObject({ workspace: 'library', repository: 'nginx', tag: '1.27' });
    expect(parseImageReference('library/nginx:alpine')).toMatchObject({ workspace: 'library', repository: 'nginx', tag: 'alpine' });
  });
  it('workspace and nested names', () => {
    expect(parseImageReference('team/app/web:2')).toMatchObject({ workspace: 'team', repository: 'app/web', tag: '2' });
  });
  it('our registry host is stripped; another host is not ours', () => {
    expect(parseImageReference('pier.local:5000/team/web:2')).toMatchObject({ workspace: 'team', repository: 'web', tag: '2' });
    expect(parseImageReference('docker.io/library/nginx')).toBeNull();
    expect(parseImageReference('localhost/x')).toBeNull();
  });
  it('digests', () => {
    const d = `sha256:${'a'.repeat(64)}`;
    expect(parseImageReference(`team/web@${d}`)).toEqual({ workspace: 'team', repository: 'web', tag: undefined, digest: d });
  });
});
