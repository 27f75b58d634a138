import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff';

const ops = (a: string, b: string) => lineDiff(a, b).map((l) => `${l.op}${l.text}`);

describe('lineDiff', () => {
  it('keeps equal lines and marks one changed line as removed then added', () => {
    expect(ops('a\nb\nc\n', 'a\nB\nc\n')).toEqual([' a', '-b', '+B', ' c']);
  });
  it('an empty old text is all additions, an empty new one all removals', () => {
    expect(ops('', 'x\ny')).toEqual(['+x', '+y']);
    expect(ops('x\ny\n', '')).toEqual(['-x', '-y']);
  });
  it('numbers lines on both sides', () => {
    expect(lineDiff('a\nb', 'z\na\nb')).toEqual([
      { op: '+', text: 'z', new: 1 },
      { op: ' ', text: 'a', old: 1, new: 2 },
      { op: ' ', text: 'b', old: 2, new: 3 },
    ]);
  });
  it('finds the common lines of a YAML edit', () => {
    const before = 'spec:\n  replicas: 2\n  template:\n    image: nginx:1\n';
    const after = 'spec:\n  replicas: 3\n  template:\n    image: nginx:2\n';
    expect(ops(before, after)).toEqual([' spec:', '-  replicas: 2', '+  replicas: 3', '   template:', '-    image: nginx:1', '+    image: nginx:2']);
  });
});
