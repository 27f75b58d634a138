import { afterEach, describe, expect, it } from 'vitest';
import { canPull, parseImage, setImageResolver } from './images';
import { backOffMs, simulatedExit } from './run';

afterEach(() => setImageResolver(null));

describe('image references', () => {
  it('a bare name, library/ and docker.io/library/ are the same repository; tag defaults to latest', () => {
    for (const s of ['nginx:alpine', 'library/nginx:alpine', 'docker.io/library/nginx:alpine', 'index.docker.io/library/nginx:alpine']) {
      expect(parseImage(s)).toEqual({ registry: 'docker.io', repository: 'library/nginx', tag: 'alpine' });
    }
    expect(parseImage('nginx')).toEqual({ registry: 'docker.io', repository: 'library/nginx', tag: 'latest' });
    expect(parseImage('reg.example:5000/team/app:1.2')).toEqual({ registry: 'reg.example:5000', repository: 'team/app', tag: '1.2' });
    expect(parseImage('nginx@sha256:abc')).toMatchObject({ repository: 'library/nginx', digest: 'sha256:abc' });
  });

  it('the built-in list knows the demo images and their tags only; a resolver replaces it', async () => {
    expect(await canPull('nginx:alpine')).toBe(true);
    expect(await canPull('nginx:1.27')).toBe(true);
    expect(await canPull('nginx')).toBe(true);
    expect(await canPull('nginx:1.0')).toBe(false);
    expect(await canPull('quay.io/library/nginx:alpine')).toBe(false);
    expect(await canPull('centos:7')).toBe(true);
    setImageResolver((r) => r.repository === 'team/app');
    expect(await canPull('reg.example/team/app:9')).toBe(true);
    expect(await canPull('nginx:alpine')).toBe(false);
  });
});

describe('simulated container runs', () => {
  it('false and exit N crash, true and sleep N finish, a server runs; batch pods finish', () => {
    expect(simulatedExit({ command: ['false'] }, 'Always')).toEqual({ afterMs: 1000, exitCode: 1 });
    expect(simulatedExit({ command: ['/bin/sh', '-c'], args: ['exit 3'] }, 'Always')).toEqual({ afterMs: 1000, exitCode: 3 });
    expect(simulatedExit({ command: ['sleep', '30'] }, 'Always')).toEqual({ afterMs: 30_000, exitCode: 0 });
    expect(simulatedExit({}, 'Always')).toBeNull();
    expect(simulatedExit({ command: ['nginx', '-g', 'daemon off;'] }, 'Always')).toBeNull();
    expect(simulatedExit({ command: ['perl', '-e', 'print 1'] }, 'Never')).toEqual({ afterMs: 1000, exitCode: 0 });
  });

  it('back-off doubles from 10 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backOffMs)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });
});
