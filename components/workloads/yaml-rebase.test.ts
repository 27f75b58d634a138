import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rebaseOnLive } from './yaml-rebase';

const obj = (rv: string, generation: number, replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  generation: ${generation}\n  resourceVersion: "${rv}"\nspec:\n  replicas: ${replicas}\n`;

describe('rebaseOnLive', () => {
  it('moves an edit onto the live resourceVersion when only the status changed', () => {
    const out = rebaseOnLive(obj('10', 2, 3), obj('10', 2, 5), obj('14', 2, 5));
    expect(parse(out)).toMatchObject({ metadata: { resourceVersion: '14' }, spec: { replicas: 3 } });
  });
  it('leaves it when the spec changed meanwhile (the conflict is real)', () => {
    expect(rebaseOnLive(obj('10', 2, 3), obj('10', 2, 5), obj('14', 3, 6))).toBe(obj('10', 2, 3));
  });
  it('leaves it when the user set a resourceVersion of their own, or the YAML does not parse', () => {
    expect(rebaseOnLive(obj('9', 2, 3), obj('10', 2, 5), obj('14', 2, 5))).toBe(obj('9', 2, 3));
    expect(rebaseOnLive('a: [', obj('10', 2, 5), obj('14', 2, 5))).toBe('a: [');
  });
});
