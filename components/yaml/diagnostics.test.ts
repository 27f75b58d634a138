import { describe, expect, it } from 'vitest';
import { checkYaml } from './diagnostics';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('checkYaml', () => {
  it('parses several documents and reports nothing for valid YAML', () => {
    const r = checkYaml('a: 1\n---\nb: [2, 3]\n');
    expect(r.docs).toEqual([{ a: 1 }, { b: [2, 3] }]);
    expect(r.diagnostics).toEqual([]);
  });

  it('puts a syntax error at its line and returns no documents', () => {
    const text = 'a: 1\nb: [1, 2\nc: 3\n';
    const r = checkYaml(text);
    expect(r.docs).toBeNull();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0].severity).toBe('error');
    expect(lineOf(text, r.diagnostics[0].from)).toBeGreaterThanOrEqual(2);
    expect(r.diagnostics[0].message).not.toContain('\n');
  });

  it('runs no validator on text that does not parse', () => {
    let called = false;
    checkYaml('a: "open', () => {
      called = true;
      return [];
    });
    expect(called).toBe(false);
  });

  it('places a validator issue on the key of the field it names', () => {
    const text = 'spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "nginx:"\n';
    const r = checkYaml(text, () => [{ path: ['spec', 'template', 'spec', 'containers', 0, 'image'], message: 'a tag is required' }]);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(lineOf(text, d.from)).toBe(6);
    expect(text.slice(d.from, d.to)).toBe('image');
    expect(d.message).toBe('spec.template.spec.containers.0.image: a tag is required');
  });

  it('places an issue about a missing field on the deepest part that exists', () => {
    const text = 'metadata:\n  name: web\nspec:\n  selector: {}\n';
    const r = checkYaml(text, () => [{ path: ['spec', 'replicas'], message: 'required' }]);
    expect(lineOf(text, r.diagnostics[0].from)).toBe(3);
  });

  it('places an issue on a list item by its first key, in the right document', () => {
    const text = 'kind: A\n---\nkind: B\nitems:\n  - name: x\n  - name: y\n    port: 0\n';
    const r = checkYaml(text, () => [{ doc: 1, path: ['items', 1, 'port'], message: 'between 1 and 65535' }, { doc: 1, path: ['items', 1], message: 'bad item' }]);
    expect(r.diagnostics.map((d) => lineOf(text, d.from))).toEqual([7, 6]);
  });

  it('shows issues given from outside (the server) like the validator’s', () => {
    const text = 'a:\n  b: 1\n';
    const r = checkYaml(text, undefined, [{ path: ['a', 'b'], message: 'too small', severity: 'warning' }]);
    expect(r.diagnostics).toEqual([{ from: 5, to: 6, severity: 'warning', message: 'a.b: too small' }]);
  });

  it('passes the documents as plain values to the validator', () => {
    let seen: unknown[] = [];
    checkYaml('x: &a {k: 1}\ny: *a\n', (docs) => {
      seen = docs;
      return [];
    });
    expect(seen).toEqual([{ x: { k: 1 }, y: { k: 1 } }]);
  });
});
