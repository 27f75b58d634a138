import { describe, expect, it } from 'vitest';
import { appCreate, specOf } from '@/lib/dialects/ote/app';
import { appBody } from '@/lib/catalog/testing/fixtures';
import type { AppSpec } from '@/lib/catalog/spec';
import { commandWords, objectsOf, type KubeObj, type Target } from './objects';
import { parseSelector, placementOf, matches, SelectorError } from './selector';
import { objectProblems } from './validate';
import { diffObjects, fieldChanges } from './diff';
import { DEPLOYMENT_LABEL, VERSION_LABEL } from './labels';

const spec = (over: Record<string, unknown> = {}): AppSpec => specOf(appCreate.parse(appBody(over)));
const target: Target = { deployName: 'web', namespace: 'alpha', appName: 'nginx1', version: '1.2', deployId: 7 };
const byKind = (objs: KubeObj[], kind: string) => objs.find((o) => o.kind === kind)!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading nested wire JSON
const podOf = (o: KubeObj): any => (o.spec as any).template.spec;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const containerOf = (o: KubeObj): any => podOf(o).containers[0];

describe('objectsOf', () => {
  it('turns the seed example into a Deployment, a Service and an HPA that pass the OpenAPI checks', () => {
    const objs = objectsOf(spec(), target);
    expect(objs.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual(['apps/v1 Deployment', 'v1 Service', 'autoscaling/v2 HorizontalPodAutoscaler']);
    expect(objectProblems(objs)).toEqual([]);
    for (const o of objs) expect(o.metadata).toMatchObject({ name: 'web', namespace: 'alpha', annotations: { 'pier.io/ote-deploy-id': '7' } });
  });

  it('maps each field of the version', () => {
    const d = byKind(objectsOf(spec({ command: 'nginx -g "daemon off;"', GPU: 2 }), target), 'Deployment');
    expect(d.spec).toMatchObject({
      replicas: 10, minReadySeconds: 10,
      selector: { matchLabels: { [DEPLOYMENT_LABEL]: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
    });
    expect(podOf(d).volumes).toEqual([{ name: 'vol-0', hostPath: { path: '/usr/bin' } }, { name: 'vol-1', hostPath: { path: '/usr/sbin' } }]);
    expect(podOf(d).imagePullSecrets).toEqual([{ name: 'pier-registry-repo1' }]);
    expect(containerOf(d)).toEqual({
      name: 'nginx1',
      image: 'nginx:latest',
      command: ['nginx', '-g', 'daemon off;'],
      ports: [{ containerPort: 8080, hostPort: 9090, protocol: 'TCP' }],
      env: [{ name: 'NGINX_PATH', value: '/usr/share/nginx/' }],
      resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '2000m', memory: '200Mi', 'nvidia.com/gpu': '2' } },
      volumeMounts: [{ name: 'vol-0', mountPath: '/host/usr/bin', readOnly: true }, { name: 'vol-1', mountPath: '/host/usr/sbin', readOnly: true }],
    });
    expect((d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels[VERSION_LABEL]).toBe('1.2');
  });

  it('leaves out what the version does not set: command, env, volumes, GPU, pull secret, Service without ports, HPA without isHPA', () => {
    const objs = objectsOf(spec({ command: '', env: [], volume: [], GPU: 0, repositoryId: undefined, port: [], isHPA: false }), target);
    expect(objs.map((o) => o.kind)).toEqual(['Deployment']);
    const c = containerOf(objs[0]);
    expect(c.command).toBeUndefined();
    expect(c.env).toBeUndefined();
    expect(c.volumeMounts).toBeUndefined();
    expect(c.ports).toBeUndefined();
    expect(c.resources.limits['nvidia.com/gpu']).toBeUndefined();
    expect(podOf(objs[0]).volumes).toBeUndefined();
    expect(podOf(objs[0]).imagePullSecrets).toBeUndefined();
    expect(objectProblems(objs)).toEqual([]);
  });

  it('makes a DaemonSet for deployType daemonset, with its update strategy and no replicas or HPA', () => {
    const objs = objectsOf(spec({ deployType: 'daemonset', isHPA: false }), target);
    const ds = byKind(objs, 'DaemonSet');
    expect(ds.spec).toMatchObject({ minReadySeconds: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } });
    expect(ds.spec!.replicas).toBeUndefined();
    expect(objs.map((o) => o.kind)).toEqual(['DaemonSet', 'Service']);
    expect(objectProblems(objs)).toEqual([]);
  });

  it('gives the HPA the bounds and both utilization targets', () => {
    const hpa = byKind(objectsOf(spec(), target), 'HorizontalPodAutoscaler');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2, maxReplicas: 20,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 100 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 150 } } },
      ],
    });
  });

  it('places pods by nodeLabel: equality terms as nodeSelector, the rest as required node affinity', () => {
    const d = byKind(objectsOf(spec(), { ...target, nodeSelector: parseSelector('zone=edge, gpu, tier in (a,b), !tainted') }), 'Deployment');
    expect(podOf(d).nodeSelector).toEqual({ zone: 'edge' });
    expect(podOf(d).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'gpu', operator: 'Exists' },
      { key: 'tier', operator: 'In', values: ['a', 'b'] },
      { key: 'tainted', operator: 'DoesNotExist' },
    ]);
    expect(objectProblems([d])).toEqual([]);
  });

  it('a translation slip is caught by the schema check, naming the object and field', () => {
    const [d] = objectsOf(spec({ port: [], isHPA: false }), target);
    (d.spec as Record<string, unknown>).replicas = 'ten';
    const p = objectProblems([d]);
    expect(p).toHaveLength(1);
    expect(p[0].object).toBe('Deployment/web');
    expect(p[0].message).toContain('replicas');
  });
});

describe('commandWords', () => {
  it('splits like a shell without running one', () => {
    expect(commandWords('  sh -c "echo hi; sleep 1"  ')).toEqual(['sh', '-c', 'echo hi; sleep 1']);
    expect(commandWords("a 'b c' d\\ e \"\"")).toEqual(['a', 'b c', 'd e', '']);
    expect(() => commandWords('echo "open')).toThrow();
    expect(appCreate.safeParse(appBody({ command: 'echo "open' })).success).toBe(false);
  });
});

describe('selectors', () => {
  it('parses and matches the Kubernetes grammar, and names a bad term', () => {
    const r = parseSelector('env=prod,region!=cn,tier in (a, b),gpu,!edge');
    expect(matches(r, { env: 'prod', region: 'us', tier: 'b', gpu: '1' })).toBe(true);
    expect(matches(r, { env: 'prod', region: 'cn', tier: 'b', gpu: '1' })).toBe(false);
    expect(matches(r, { env: 'prod', tier: 'b', gpu: '1', edge: '' })).toBe(false);
    expect(parseSelector('')).toEqual([]);
    expect(() => parseSelector('env=prod,=x')).toThrow(SelectorError);
    expect(() => parseSelector('a in (b c)')).toThrow(SelectorError);
    expect(placementOf([])).toEqual({});
  });
});

describe('diffObjects', () => {
  const live = (objs: KubeObj[]): KubeObj[] =>
    objs.map((o) => {
      // What a cluster hands back: status, uid, defaults on the pod template, extra annotations.
      const c = structuredClone(o) as KubeObj & { status?: unknown };
      c.metadata = { ...c.metadata, annotations: { ...c.metadata.annotations, 'deployment.kubernetes.io/revision': '3' } } as KubeObj['metadata'];
      (c.metadata as Record<string, unknown>).uid = 'u-1';
      c.status = { replicas: 10 };
      if (c.kind === 'Deployment') {
        const t = (c.spec as { template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } } }).template.spec;
        t.restartPolicy = 'Always';
        t.containers[0].terminationMessagePath = '/dev/termination-log';
        (c.spec as Record<string, unknown>).revisionHistoryLimit = 10;
      }
      return c;
    });

  it('shows nothing but the user change against a live object full of defaults', () => {
    const v1 = objectsOf(spec(), target);
    const v2 = objectsOf(spec({ image: 'nginx:1.27' }), { ...target, version: '1.3' });
    const d = diffObjects(live(v1), v2, v1);
    const dep = d.find((x) => x.kind === 'Deployment')!;
    expect(dep.action).toBe('update');
    expect(dep.changes.map((c) => c.path).sort()).toEqual([
      `metadata.labels.${VERSION_LABEL}`,
      'spec.template.metadata.labels.pier.io/app-version',
      'spec.template.spec.containers[0].image',
    ]);
    expect(dep.changes.find((c) => c.path.endsWith('image'))).toEqual({ path: 'spec.template.spec.containers[0].image', from: 'nginx:latest', to: 'nginx:1.27' });
    expect(d.find((x) => x.kind === 'Service')!.changes.filter((c) => !c.path.includes('app-version'))).toEqual([]);
  });

  it('creates everything on a first deployment; deletes what the new version drops; shows removed fields', () => {
    const v1 = objectsOf(spec(), target);
    expect(diffObjects([], v1).map((x) => x.action)).toEqual(['create', 'create', 'create']);
    const v2 = objectsOf(spec({ port: [], isHPA: false, env: [] }), target);
    const d = diffObjects(live(v1), v2, v1);
    expect(d.filter((x) => x.action === 'delete').map((x) => x.key).sort()).toEqual(['HorizontalPodAutoscaler/web', 'Service/web']);
    const dep = d.find((x) => x.kind === 'Deployment')!;
    expect(dep.changes).toContainEqual({ path: 'spec.template.spec.containers[0].env', from: [{ name: 'NGINX_PATH', value: '/usr/share/nginx/' }] });
    expect(dep.changes.some((c) => c.path.includes('ports'))).toBe(true);
  });

  it('is unchanged when the same objects run, and ignores paths others own', () => {
    const v1 = objectsOf(spec(), target);
    expect(diffObjects(live(v1), v1, v1).every((x) => x.action === 'unchanged')).toBe(true);
    const scaled = live(v1);
    (scaled[0].spec as Record<string, unknown>).replicas = 14;
    expect(diffObjects(scaled, v1, v1, (o) => (o.kind === 'Deployment' ? ['spec.replicas'] : []))[0].action).toBe('unchanged');
    expect(diffObjects(scaled, v1, v1)[0].changes).toEqual([{ path: 'spec.replicas', from: 14, to: 10 }]);
    expect(fieldChanges({ a: [1, 2] }, { a: [1] })).toEqual([{ path: 'a[1]', from: 2 }]);
  });
});
