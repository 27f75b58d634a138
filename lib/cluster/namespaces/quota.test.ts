import { describe, expect, it } from 'vitest';
import { hardAfter, limitsOf, quotaStatusOf, toEcns } from './quota';

describe('ECNS quota ↔ ResourceQuota spec.hard', () => {
  it('maps items to resources and units', () => {
    expect(hardAfter({}, { pods: 5, cpu: 2, memory: 3, storage: 40, loadbalancers: 1, cronjobs: 0 })).toEqual({
      pods: '5', 'limits.cpu': '2', 'limits.memory': '3Gi', 'requests.storage': '40Gi', 'services.loadbalancers': '1', 'count/cronjobs.batch': '0',
    });
  });

  it('merges: -1 removes, absent items and foreign entries stay', () => {
    const current = { pods: '5', 'limits.cpu': '2', 'requests.nvidia.com/gpu': '1' };
    expect(hardAfter(current, { pods: -1, secrets: 9 })).toEqual({ 'limits.cpu': '2', 'requests.nvidia.com/gpu': '1', secrets: '9' });
  });

  it('reads back: limits only in lists; hard with -1 for every unlimited item', () => {
    const hard = { pods: '5', 'limits.memory': '3Gi', 'requests.nvidia.com/gpu': '1' };
    expect(limitsOf(hard)).toEqual({ pods: 5, memory: 3 });
    const status = quotaStatusOf(hard, { pods: 1 } as never);
    expect(status.hard).toMatchObject({ pods: 5, memory: 3, cpu: -1, ingress: -1 });
    expect(Object.keys(status.hard)).toHaveLength(14);
  });

  it('rounds quantities up into ECNS units', () => {
    expect(toEcns('500m', 'cores')).toBe(1);
    expect(toEcns('2', 'cores')).toBe(2);
    expect(toEcns('1536Mi', 'GiB')).toBe(2);
    expect(toEcns('8Gi', 'GiB')).toBe(8);
    expect(toEcns('1G', 'GiB')).toBe(1);
    expect(toEcns('12', 'count')).toBe(12);
  });
});
