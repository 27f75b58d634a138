import { describe, expect, it } from 'vitest';
import { dashboardPodQuery, parseDashboardUrl } from './dashboard-url';

describe('parseDashboardUrl', () => {
  it('reads the same state from the browser\'s URLSearchParams and the server\'s searchParams record', () => {
    const qs = 'cluster=edge&namespace=alpha&group=failed&status=Pending&workload=Deployment%2Fweb&label=app%3Dweb&q=10.0';
    const fromBrowser = parseDashboardUrl(new URLSearchParams(qs));
    const fromServer = parseDashboardUrl(Object.fromEntries(new URLSearchParams(qs)));
    expect(fromBrowser).toEqual({
      cluster: 'edge', scope: 'namespace', namespace: 'alpha', node: undefined, group: 'failed',
      status: 'Pending', workload: 'Deployment/web', label: 'app=web', q: '10.0',
    });
    expect(fromServer).toEqual(fromBrowser);
  });

  it('drops empty values and a group that is not running/failed/other; a repeated parameter counts once', () => {
    expect(parseDashboardUrl(new URLSearchParams('q=&status=&group=broken&cluster='))).toEqual({
      cluster: undefined, scope: 'namespace', namespace: undefined, node: undefined, group: undefined,
      status: undefined, workload: undefined, label: undefined, q: undefined,
    });
    expect(parseDashboardUrl({ q: ['first', 'second'], group: ['other', 'failed'] })).toMatchObject({ q: 'first', group: 'other' });
    expect(parseDashboardUrl(new URLSearchParams('q=first&q=second')).q).toBe('first');
  });

  it('takes the scope from `scope`, and `node` alone selects the node scope', () => {
    expect(parseDashboardUrl({ scope: 'cluster' }).scope).toBe('cluster');
    expect(parseDashboardUrl({ scope: 'node' }).scope).toBe('node');
    expect(parseDashboardUrl({ node: 'worker-1' })).toMatchObject({ scope: 'node', node: 'worker-1' });
    expect(parseDashboardUrl({ node: 'worker-1', scope: 'cluster' }).scope).toBe('node');
    expect(parseDashboardUrl({ scope: 'everything' }).scope).toBe('namespace');
  });

  it('keeps the other filters as written (the list validates them and names what is wrong)', () => {
    expect(parseDashboardUrl({ label: 'app in (', status: 'no such status' })).toMatchObject({ label: 'app in (', status: 'no such status' });
  });
});

describe('dashboardPodQuery', () => {
  it('asks for the namespace the dashboard settled on, and only in the namespace scope', () => {
    const url = parseDashboardUrl({ namespace: 'alpha', q: 'web' });
    expect(dashboardPodQuery(url, 'beta')).toMatchObject({ namespace: 'beta', node: undefined, q: 'web' });
    expect(dashboardPodQuery(parseDashboardUrl({ scope: 'cluster', namespace: 'alpha' }), 'alpha')).toMatchObject({ namespace: undefined, node: undefined });
    expect(dashboardPodQuery(parseDashboardUrl({ node: 'worker-1', namespace: 'alpha' }), 'alpha')).toMatchObject({ namespace: undefined, node: 'worker-1' });
  });

  it('is null while the scope lacks what it needs', () => {
    expect(dashboardPodQuery(parseDashboardUrl({}), undefined)).toBeNull();
    expect(dashboardPodQuery(parseDashboardUrl({ scope: 'node' }), 'alpha')).toBeNull();
    expect(dashboardPodQuery(parseDashboardUrl({ scope: 'cluster' }), undefined)).toEqual({
      namespace: undefined, node: undefined, group: undefined, status: undefined, workload: undefined, label: undefined, q: undefined,
    });
  });
});
