import { describe, expect, it } from 'vitest';
import { maxScaleDown, newReplicasForRolling, podTemplateHash, resolveIntOrPercent, surgeAndUnavailable, templatesEqualIgnoringHash } from './rollout';

describe('rollout arithmetic', () => {
  it('percent surge rounds up, percent unavailable rounds down; defaults are 25%', () => {
    expect(resolveIntOrPercent('10%', 15, true, 0)).toBe(2);
    expect(resolveIntOrPercent('10%', 15, false, 0)).toBe(1);
    expect(surgeAndUnavailable({}, 10)).toEqual({ maxSurge: 3, maxUnavailable: 2 });
    expect(surgeAndUnavailable({ rollingUpdate: { maxSurge: 2, maxUnavailable: '10%' } }, 10)).toEqual({ maxSurge: 2, maxUnavailable: 1 });
  });

  it('both zero would never move: unavailable becomes 1', () => {
    expect(surgeAndUnavailable({ rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } }, 5)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it('the new set grows by the surge room only', () => {
    expect(newReplicasForRolling(10, 2, 10, 0)).toBe(2);
    expect(newReplicasForRolling(10, 2, 12, 2)).toBe(2);
    expect(newReplicasForRolling(10, 2, 11, 2)).toBe(3);
    expect(newReplicasForRolling(10, 2, 3, 0)).toBe(9);
    expect(newReplicasForRolling(3, 1, 3, 3)).toBe(3);
  });

  it('old pods may go down to minAvailable, minus new pods not yet available', () => {
    expect(maxScaleDown(10, 1, 12, 2, 0)).toBe(12 - 9 - 2);
    expect(maxScaleDown(10, 1, 12, 2, 2)).toBe(3);
  });

  it('the template hash is stable and ignores key order; equality ignores the hash label', () => {
    const a = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    const b = { spec: { containers: [{ image: 'i', name: 'c' }] }, metadata: { labels: { app: 'x' } } };
    expect(podTemplateHash(a)).toBe(podTemplateHash(b));
    expect(podTemplateHash(a)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(podTemplateHash(a, 1)).not.toBe(podTemplateHash(a));
    expect(templatesEqualIgnoringHash({ ...a, metadata: { labels: { app: 'x', 'pod-template-hash': 'abc' } } }, a)).toBe(true);
    expect(templatesEqualIgnoringHash({ ...a, metadata: { labels: { app: 'y' } } }, a)).toBe(false);
  });
});
