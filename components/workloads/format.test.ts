import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PATCH_BODIES } from '@/lib/dialects/ecns/workloads-requests';
import { age, hostAliasesText, issuesOfReason, lineDiff, parseHostAliases, statusTone, zodFieldErrors } from './format';

describe('age', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('reads like kubectl', () => {
    expect(age('2026-11-22T11:59:15Z', now)).toBe('45s');
    expect(age('2026-11-22T11:48:00Z', now)).toBe('12m');
    expect(age('2026-11-22T07:00:00Z', now)).toBe('5h');
    expect(age('2026-11-19T12:00:00Z', now)).toBe('3d');
  });
  it('is empty for no time and never negative', () => {
    expect(age('', now)).toBe('');
    expect(age('2026-11-22T12:00:30Z', now)).toBe('0s');
  });
});

describe('lineDiff', () => {
  it('keeps common lines and marks the changed one', () => {
    const d = lineDiff('a\nimage: nginx:1\nc', 'a\nimage: nginx:2\nc\nd');
    expect(d).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'image: nginx:1' },
      { op: '+', text: 'image: nginx:2' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'd' },
    ]);
  });
  it('of equal texts has no change', () => {
    expect(lineDiff('x\ny', 'x\ny').every((l) => l.op === ' ')).toBe(true);
  });
});

describe('zodFieldErrors', () => {
  it('names fields as the API does', () => {
    const r = PATCH_BODIES.scale.safeParse({ replicas: -1, extra: 1 });
    expect(r.success).toBe(false);
    expect(zodFieldErrors((r as { error: z.ZodError }).error)).toEqual({ replicas: 'at least 0', extra: 'unknown field' });
    const u = PATCH_BODIES.update_strategy.safeParse({ update_strategy: { type: 'recreate', max_surge: 1 } });
    expect(zodFieldErrors((u as { error: z.ZodError }).error)).toEqual({ 'update_strategy.max_surge': 'only for types custom and rolling_update' });
  });
});

describe('host aliases text', () => {
  it('round-trips and refuses a line without names', () => {
    const parsed = parseHostAliases('10.0.0.1 db db.local\n\n10.0.0.2 cache');
    expect(parsed).toEqual([{ ip: '10.0.0.1', hostnames: 'db db.local' }, { ip: '10.0.0.2', hostnames: 'cache' }]);
    expect(hostAliasesText([{ ip: '10.0.0.1', hostnames: 'db,db.local' }])).toBe('10.0.0.1 db db.local');
    expect(parseHostAliases('10.0.0.1')).toBeNull();
  });
});

describe('statusTone', () => {
  it('colours states', () => {
    expect(statusTone('Running')).toBe('green');
    expect(statusTone('ImagePullBackOff')).toBe('red');
    expect(statusTone('Pending')).toBe('amber');
    expect(statusTone('Stopped')).toBe('slate');
  });
});

describe('issuesOfReason', () => {
  it('finds the field paths an apiserver refusal names', () => {
    const reason = 'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.containers[0].image: Required value]';
    expect(issuesOfReason(reason).map((i) => i.path)).toEqual([['spec', 'replicas'], ['spec', 'template', 'spec', 'containers', 0, 'image']]);
    expect(issuesOfReason('connection refused')).toEqual([]);
  });
});
