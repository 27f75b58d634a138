import { describe, expect, it } from 'vitest';
import { appCreate, type AppItem } from '@/lib/dialects/ote/app';
import { blankForm, compareVersions, formValuesOf, percentOf, specChanges, specOfItem } from './format';
import { liveProblems, placeError } from './form-resolver';
import { ruleMessage } from './messages';

const item = (over: Partial<AppItem> = {}): AppItem => ({
  id: 7, appName: 'shop', status: 1, deployType: 'deployment', image: 'nginx:1.27', projectName: 'alpha', repositoryId: '', version: '1.0',
  replicas: 3, port: [{ port: 8080 }], command: '', volume: [], dependence: [], env: [{ name: 'A', value: '1' }], minReplicas: 1, maxReplicas: 5,
  minCPU: 0.07, maxCPU: 2, GPU: 0, isHPA: false, targetCPUUtilization: 80, targetMemUtilization: 80, minMemory: 128, maxMemory: 256,
  maxUnavailable: 1, maxSurge: 1, minReadySeconds: 0, createTime: 1, updateTime: 1, ...over,
});

describe('between the item the API shows and the request it takes', () => {
  it('turns cores back into percent without floating-point slips', () => {
    expect(percentOf(0.07)).toBe(7);
    expect(percentOf(0.29)).toBe(29);
    expect(specOfItem(item())).toMatchObject({ minCPU: 7, maxCPU: 200, repositoryId: undefined });
  });

  it('prefills a new version that the request schema accepts once it has a version number', () => {
    const v = formValuesOf(item());
    expect(v.version).toBe('');
    expect(appCreate.safeParse(v).success).toBe(false);
    expect(appCreate.safeParse({ ...v, version: '1.1' }).success).toBe(true);
  });

  it('starts a new application with values the schema accepts once named', () => {
    expect(appCreate.safeParse({ ...blankForm('alpha'), appName: 'web', image: 'nginx' }).success).toBe(true);
  });

  it('lists only the spec fields that differ', () => {
    expect(specChanges(item(), item({ id: 8, version: '1.1', image: 'nginx:1.28', createTime: 9 }))).toEqual([{ path: 'image', from: 'nginx:1.27', to: 'nginx:1.28' }]);
    expect(specChanges(item(), item({ id: 8, version: '1.1' }))).toEqual([]);
  });

  it('orders versions by their numbers', () => {
    expect(['1.10', '1.9', '2.0', '1.2.1'].sort(compareVersions)).toEqual(['1.2.1', '1.9', '1.10', '2.0']);
  });
});

describe('the form resolver', () => {
  it('finds the cross-field rules while other fields are still empty or NaN', () => {
    const v = { ...blankForm(), appName: '', image: '', minCPU: 200, maxCPU: 100, minMemory: Number.NaN };
    expect(appCreate.safeParse(v).success).toBe(false);
    expect(liveProblems(v)).toEqual([{ path: 'minCPU', message: 'at most maxCPU' }]);
    expect(liveProblems({ ...blankForm(), port: [{ port: 80 }, { port: 80 }] })).toEqual([{ path: 'port.1.port', message: 'duplicate port' }]);
    expect(liveProblems({ ...blankForm(), replicas: 5, minReplicas: 1, maxReplicas: 3 })).toEqual([{ path: 'replicas', message: 'at most maxReplicas' }]);
  });

  it('places an error at a nested path without overwriting one already there', () => {
    const errors: Record<string, unknown> = { minCPU: { type: 'too_big', message: 'at most 100000' } };
    placeError(errors, 'minCPU', { type: 'custom', message: 'at most maxCPU' });
    placeError(errors, 'port.1.port', { type: 'custom', message: 'duplicate port' });
    expect(errors).toEqual({ minCPU: { type: 'too_big', message: 'at most 100000' }, port: [undefined, { port: { type: 'custom', message: 'duplicate port' } }] });
  });

  it('says the rules in Chinese and leaves English as it is', () => {
    expect(ruleMessage('at most maxCPU', 'zh')).toBe('不能大于最大 CPU');
    expect(ruleMessage('at least 1', 'zh')).toBe('至少为 1');
    expect(ruleMessage('at most maxCPU', 'en')).toBe('at most maxCPU');
  });
});
