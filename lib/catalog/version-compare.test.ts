import { describe, expect, it } from 'vitest';
import { byVersionDesc, compareVersions } from './version-compare';

const sorted = (vs: string[]) => [...vs].sort(compareVersions);

describe('compareVersions', () => {
  it('compares dotted numbers part by part as numbers, not as text', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareVersions('2.0', '10.0')).toBeLessThan(0);
    expect(sorted(['1.10', '1.2', '1.9', '10.0', '2.0', '1.0'])).toEqual(['1.0', '1.2', '1.9', '1.10', '2.0', '10.0']);
  });

  it('puts a version before its own longer forms and treats equal versions as equal', () => {
    expect(compareVersions('1.1', '1.1.0')).toBeLessThan(0);
    expect(compareVersions('1.1.0', '1.1')).toBeGreaterThan(0);
    expect(compareVersions('1.2.3.4', '1.2.3.4')).toBe(0);
    expect(sorted(['1.1.1.1', '1.1', '1.1.1', '1.0.9'])).toEqual(['1.0.9', '1.1', '1.1.1', '1.1.1.1']);
  });

  it('keeps large parts exact (beyond what a double holds)', () => {
    expect(compareVersions('1.9007199254740993', '1.9007199254740992')).toBeGreaterThan(0);
    expect(compareVersions('1.999999999', '1.1000000000')).toBeLessThan(0);
  });

  it('falls back to text for parts that are not numbers; a number sorts before text at the same place', () => {
    expect(compareVersions('1.0-rc2', '1.0-rc1')).toBeGreaterThan(0);
    expect(compareVersions('1.x', '1.2')).toBeGreaterThan(0);
    expect(compareVersions('1.2', '1.x')).toBeLessThan(0);
    expect(compareVersions('beta', 'alpha')).toBeGreaterThan(0);
    expect(sorted(['1.b', '1.10', '1.a', '1.9'])).toEqual(['1.9', '1.10', '1.a', '1.b']);
  });

  it('byVersionDesc lists the highest version first', () => {
    const rows = [{ version: '1.9' }, { version: '1.10' }, { version: '1.0' }, { version: '2.0' }];
    expect(rows.sort(byVersionDesc).map((r) => r.version)).toEqual(['2.0', '1.10', '1.9', '1.0']);
  });
});
