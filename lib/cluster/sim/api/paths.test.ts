import { describe, expect, it } from 'vitest';
import { parseApiPath } from './paths';
import { K8sError } from '../status';

const route = (p: string) => {
  const r = parseApiPath(p.split('/'));
  return r.type === 'object' ? { ...r, kind: `${r.kind.group}/${r.kind.plural}` } : r;
};

describe('parseApiPath', () => {
  it.each([
    ['version', { type: 'version' }],
    ['api', { type: 'api' }],
    ['apis', { type: 'apis' }],
    ['apis/apps', { type: 'group', group: 'apps' }],
    ['api/v1', { type: 'resources', group: '', version: 'v1' }],
    ['apis/autoscaling/v2', { type: 'resources', group: 'autoscaling', version: 'v2' }],
    ['api/v1/pods', { type: 'object', kind: '/pods' }],
    ['api/v1/namespaces', { type: 'object', kind: '/namespaces' }],
    ['api/v1/namespaces/alpha', { type: 'object', kind: '/namespaces', name: 'alpha' }],
    ['api/v1/namespaces/alpha/status', { type: 'object', kind: '/namespaces', name: 'alpha', subresource: 'status' }],
    ['api/v1/namespaces/alpha/pods', { type: 'object', kind: '/pods', namespace: 'alpha' }],
    ['api/v1/namespaces/alpha/pods/p/status', { type: 'object', kind: '/pods', namespace: 'alpha', name: 'p', subresource: 'status' }],
    ['apis/apps/v1/namespaces/a/deployments/d/scale', { type: 'object', kind: 'apps/deployments', namespace: 'a', name: 'd', subresource: 'scale' }],
    ['api/v1/nodes/worker-1', { type: 'object', kind: '/nodes', name: 'worker-1' }],
  ])('%s', (path, want) => {
    expect(route(path)).toEqual(Object.fromEntries(Object.entries({ namespace: undefined, name: undefined, subresource: undefined, ...want })
      .filter(([, v]) => want.type === 'object' || v !== undefined)));
  });

  it.each([
    'api/v2', 'apis/apps/v2', 'apis/example.com/v1', 'apis//v1', 'api/v1/gadgets', 'api/v1/namespaces/a/nodes',
    'api/v1/namespaces/a/pods/p/scale', 'api/v1/namespaces/a/pods/p/status/x', 'healthz', 'apis/apps/v1/pods',
  ])('%s is a 404 Status', (path) => {
    try {
      parseApiPath(path.split('/'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(K8sError);
      expect((e as K8sError).k8s).toMatchObject({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' });
    }
  });
});
