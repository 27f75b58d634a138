import { beforeAll, describe, expect, it } from 'vitest';
import { GET, PATCH, POST, PUT } from '@/app/k8s/[cluster]/[...path]/route';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { seedLocalCluster } from '../seed';

const w = setupWorld();
let token = '';
beforeAll(async () => {
  await seedLocalCluster(w.db, new Date());
  token = await tokenFor(w, 'admin');
});

const HANDLERS = { GET, POST, PUT, PATCH };
function k8s(method: keyof typeof HANDLERS, path: string, o: { body?: string; type?: string; accept?: string } = {}) {
  const url = new URL(path, 'http://x');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (o.type) headers['content-type'] = o.type;
  if (o.accept) headers.accept = o.accept;
  return call(HANDLERS[method], request(`/k8s/local/${path}`, { method, headers, body: o.body }), { cluster: 'local', path: url.pathname.split('/').filter(Boolean) });
}
const deployment = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: {
    replicas: 1, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:alpine', env: [{ name: 'A', value: '1' }] }, { name: 'side', image: 'busybox' }] } },
    ...extra,
  },
});
const DEPLOYS = 'apis/apps/v1/namespaces/default/deployments';

describe('writes through the API', () => {
  it('YAML bodies are accepted', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  key: "value"\n';
    const res = await k8s('POST', 'api/v1/namespaces/default/configmaps', { body: yaml, type: 'application/yaml' });
    expect(res.status).toBe(201);
    expect((await body(res)).data).toEqual({ key: 'value' });
    const bad = await k8s('POST', 'api/v1/namespaces/default/configmaps', { body: 'a: [', type: 'application/yaml' });
    expect(bad.status).toBe(400);
  });

  it('dryRun=All validates and answers the object, and stores nothing', async () => {
    const res = await k8s('POST', `${DEPLOYS}?dryRun=All`, { body: deployment('dry'), type: 'application/json' });
    expect(res.status).toBe(201);
    expect((await body(res)).metadata.name).toBe('dry');
    expect((await k8s('GET', `${DEPLOYS}/dry`)).status).toBe(404);
    const invalid = await k8s('POST', `${DEPLOYS}?dryRun=All`, { body: deployment('dry', { replicas: -2 }), type: 'application/json' });
    expect(invalid.status).toBe(422);
    expect((await k8s('POST', `${DEPLOYS}?dryRun=Some`, { body: deployment('dry'), type: 'application/json' })).status).toBe(400);
  });

  it('422 Invalid with causes, 400 for type errors and (Strict) unknown fields, Warning headers for unknown fields by default', async () => {
    const res = await k8s('POST', DEPLOYS, { body: deployment('bad', { replicas: -1 }), type: 'application/json' });
    expect(res.status).toBe(422);
    expect(await body(res)).toMatchObject({
      kind: 'Status', reason: 'Invalid', code: 422, message: 'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      details: { name: 'bad', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueInvalid', field: 'spec.replicas' }] },
    });
    const typed = await k8s('POST', DEPLOYS, { body: deployment('bad', { replicas: 'one' }), type: 'application/json' });
    expect(typed.status).toBe(400);
    expect((await body(typed)).reason).toBe('BadRequest');
    const strict = await k8s('POST', `${DEPLOYS}?fieldValidation=Strict`, { body: deployment('bad', { bogus: 1 }), type: 'application/json' });
    expect(strict.status).toBe(400);
    expect((await body(strict)).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus"');
    const warned = await k8s('POST', DEPLOYS, { body: deployment('warned', { bogus: 1 }), type: 'application/json' });
    expect(warned.status).toBe(201);
    expect(warned.headers.get('warning')).toBe('299 - "unknown field \\"spec.bogus\\""');
    expect((await body(warned)).spec).not.toHaveProperty('bogus');
    expect((await k8s('GET', `${DEPLOYS}/bad`)).status).toBe(404);
  });

  it('strategic merge patch merges containers by name (kubectl set image)', async () => {
    expect((await k8s('POST', DEPLOYS, { body: deployment('smp'), type: 'application/json' })).status).toBe(201);
    const res = await k8s('PATCH', `${DEPLOYS}/smp`, {
      type: 'application/strategic-merge-patch+json',
      body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox:1.36' }] } } } }),
    });
    expect(res.status).toBe(200);
    const d = await body(res);
    // The apiserver's defaults come with every container; `side` was created as busybox (latest), so it keeps Always, as on a real cluster.
    const defaults = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };
    expect(d.spec.template.spec.containers).toEqual([
      { name: 'web', image: 'nginx:alpine', env: [{ name: 'A', value: '1' }], imagePullPolicy: 'IfNotPresent', ...defaults },
      { name: 'side', image: 'busybox:1.36', imagePullPolicy: 'Always', ...defaults }]);
    expect(d.metadata.generation).toBe(2);
    const broken = await k8s('PATCH', `${DEPLOYS}/smp`, {
      type: 'application/strategic-merge-patch+json', body: JSON.stringify({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } }),
    });
    expect(broken.status).toBe(422);
  });

  it('defaults what the client left out, on create and on update; an update that only omits defaults writes nothing', async () => {
    const created = await body(await k8s('POST', DEPLOYS, { body: deployment('defaulted'), type: 'application/json' }));
    expect(created.spec).toMatchObject({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      template: { spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30, securityContext: {} } },
    });
    const again = await k8s('PUT', `${DEPLOYS}/defaulted`, { body: deployment('defaulted'), type: 'application/json' });
    expect(again.status).toBe(200);
    expect((await body(again)).metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const recreate = await body(await k8s('PATCH', `${DEPLOYS}/defaulted`, {
      type: 'application/strategic-merge-patch+json', body: JSON.stringify({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }),
    }));
    expect(recreate.spec.strategy).toEqual({ type: 'Recreate' });
    const svc = await k8s('POST', 'api/v1/namespaces/default/services', {
      type: 'application/json', body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }),
    });
    expect(svc.status).toBe(201);
    const s = (await body(svc)).spec;
    expect(s).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], ipFamilies: ['IPv4'] });
    expect(s.clusterIPs).toEqual([s.clusterIP]);
    const job = await k8s('POST', 'apis/batch/v1/namespaces/default/jobs', {
      type: 'application/json', body: JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } }),
    });
    expect(job.status).toBe(422);
    expect((await body(job)).details.causes).toEqual([{ field: 'spec.template.spec.restartPolicy', reason: 'FieldValueNotSupported', message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"' }]);
  });

  it('/openapi/v2: protobuf (as application/octet-stream) for kubectl before 1.27, JSON otherwise', async () => {
    const pb = await k8s('GET', 'openapi/v2', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf, application/json' });
    expect(pb.status).toBe(200);
    expect(pb.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = new Uint8Array(await pb.arrayBuffer());
    // Document.swagger (field 1, length-delimited) = "2.0"
    expect([...bytes.subarray(0, 5)]).toEqual([0x0a, 3, 0x32, 0x2e, 0x30]);
    const json = await k8s('GET', 'openapi/v2', { accept: 'application/json' });
    expect(json.headers.get('content-type')).toBe('application/json');
    expect((await body(json)).definitions['io.k8s.api.apps.v1.Deployment']).toBeDefined();
  });

  it('/openapi/v3 lists each group version; a group version\'s document has the kinds\' schemas and PATCH paths with fieldValidation', async () => {
    const index = await body(await k8s('GET', 'openapi/v3'));
    expect(index.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/k8s\/local\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    expect(Object.keys(index.paths)).toEqual(expect.arrayContaining(['api/v1', 'apis/batch/v1', 'apis/coordination.k8s.io/v1']));
    const doc = await body(await k8s('GET', 'openapi/v3/apis/apps/v1'));
    expect(doc.openapi).toBe('3.0.0');
    expect(doc.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    expect((await k8s('GET', 'openapi/v3/apis/nope/v1')).status).toBe(404);
    expect((await k8s('GET', 'openapi/v2/extra')).status).toBe(404);
  });
});
