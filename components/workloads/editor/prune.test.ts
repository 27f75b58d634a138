import { describe, expect, it } from 'vitest';
import { prune } from './prune';

describe('prune', () => {
  it('drops undefined fields and objects and lists left empty', () => {
    expect(prune({ a: 1, b: undefined, security: { run_as_user: undefined }, env: [], name: '' })).toEqual({ a: 1, name: '' });
  });
  it('keeps an empty ports list (required for ExternalName), a mount\'s read_only false, 0 and null', () => {
    expect(prune({ access: [], read_only: false, replicas: 0, external: null })).toEqual({ access: [], read_only: false, replicas: 0, external: null });
  });
  it('an unchecked optional flag is the same as none', () => {
    expect(prune({ security: { privileged: false, run_as_nonroot: false }, network: { host_network: false } })).toBeUndefined();
  });
  it('works through lists of objects', () => {
    expect(prune({ containers: [{ name: 'a', resources: { limits: {} } }] })).toEqual({ containers: [{ name: 'a' }] });
  });
});
