import { describe, expect, it } from 'vitest';
import { kindOf } from '../kinds';
import { K8sError } from '../status';
import { decodeObject } from './decode';
import { applyPatch } from './smp';
import { validateAgainstSchema } from './validate';
import { KUBERNETES_VERSION, schemaOf } from './schemas';

const DEPLOY = kindOf('apps', 'Deployment')!;
const POD = kindOf('', 'Pod')!;
const SERVICE = kindOf('', 'Service')!;
const CM = kindOf('', 'ConfigMap')!;

const deployment = () => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', finalizers: ['a'] },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] },
          { name: 'side', image: 'busybox', args: ['x', 'y'] },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
});

function problems(fn: () => void): Array<{ field?: string; message: string; reason: string }> {
  try {
    fn();
  } catch (err) {
    if (err instanceof K8sError) return (err.k8s.details?.causes ?? [{ message: err.k8s.message, reason: err.k8s.reason }]) as never;
    throw err;
  }
  return [];
}

describe('schemas', () => {
  it('are Kubernetes 1.30\'s, with group/version/kind and patch metadata', () => {
    expect(KUBERNETES_VERSION).toBe('v1.30.0');
    const d = schemaOf(DEPLOY)!;
    expect(d['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(schemaOf(kindOf('coordination.k8s.io', 'Lease')!)).toBeDefined();
  });
});

describe('strategic merge patch', () => {
  const smp = (patch: unknown, target: unknown = deployment()) => applyPatch(DEPLOY, 'strategic', target, patch) as ReturnType<typeof deployment>;
  const containers = (o: ReturnType<typeof deployment>) => o.spec.template.spec.containers;

  it('merges containers by name and env by name; other lists are replaced whole', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox:1.36', args: ['z'] }, { name: 'web', env: [{ name: 'B', value: '3' }] }] } } } });
    expect(containers(out).map((c) => [c.name, c.image])).toEqual([['web', 'nginx:1.27'], ['side', 'busybox:1.36']]);
    expect(containers(out)[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }]);
    expect(containers(out)[1].args).toEqual(['z']);
    // The same patch as a JSON merge patch replaces the list.
    const merged = applyPatch(DEPLOY, 'merge', deployment(), { spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }] } } } }) as ReturnType<typeof deployment>;
    expect(containers(merged)).toEqual([{ name: 'web', image: 'x' }]);
  });

  it('appends a new item; $patch: delete removes one; {$patch: replace} in a list replaces it', () => {
    expect(containers(smp({ spec: { template: { spec: { containers: [{ name: 'new', image: 'redis' }] } } } })).map((c) => c.name))
      .toEqual(['web', 'side', 'new']);
    expect(containers(smp({ spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } })).map((c) => c.name))
      .toEqual(['web']);
    expect(containers(smp({ spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } } } })))
      .toEqual([{ name: 'only', image: 'x' }]);
  });

  it('null deletes a field; $patch: replace replaces a map; $retainKeys drops other keys (strategy, volumes)', () => {
    expect(smp({ spec: { replicas: null } }).spec).not.toHaveProperty('replicas');
    expect(smp({ spec: { selector: { $patch: 'replace', matchLabels: { x: 'y' } } } }).spec.selector).toEqual({ matchLabels: { x: 'y' } });
    expect(smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }).spec.strategy).toEqual({ type: 'Recreate' });
    const vols = smp({ spec: { template: { spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'configMap'], configMap: { name: 'cm' } }] } } } });
    expect(vols.spec.template.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cm' } }]);
  });

  it('$setElementOrder orders the merged list; primitive merge lists (finalizers) are sets; $deleteFromPrimitiveList removes', () => {
    const out = smp({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'web' }], containers: [{ name: 'web', image: 'n' }] } } } });
    expect(containers(out).map((c) => c.name)).toEqual(['side', 'web']);
    expect(smp({ metadata: { finalizers: ['b', 'a'] } }).metadata.finalizers).toEqual(['a', 'b']);
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata.finalizers).toEqual([]);
  });

  it('a merge-list item without its merge key, or an unknown $patch, is an error', () => {
    expect(() => smp({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(/does not contain declared merge key: name/);
    expect(() => smp({ spec: { $patch: 'explode' } })).toThrow(/unknown patch type/);
  });

  it('services merge ports by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const out = applyPatch(SERVICE, 'strategic', svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }) as typeof svc;
    expect(out.spec.ports).toEqual([{ port: 80, targetPort: 9090 }, { port: 443 }]);
  });
});

describe('decoding: types and unknown fields', () => {
  it('a value of the wrong type is 400, worded like encoding/json', () => {
    const body = deployment() as Record<string, unknown>;
    (body.spec as Record<string, unknown>).replicas = 'two';
    expect(() => decodeObject(DEPLOY, body, 'Warn')).toThrow('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal '
      + 'string into Go struct field DeploymentSpec.spec.replicas of type int32');
    const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 1.5 }] }] } };
    expect(() => decodeObject(POD, pod, 'Warn')).toThrow(/Go struct field ContainerPort.spec.containers\[0\].ports\[0\].containerPort of type int32/);
    expect(problems(() => decodeObject(CM, { data: { a: 1 } }, 'Warn'))[0].reason).toBe('BadRequest');
  });

  it('unknown fields: Strict refuses, Warn warns and drops, Ignore drops silently; intOrString takes both', () => {
    const withExtra = () => ({ ...deployment(), spec: { ...deployment().spec, replicaz: 3, strategy: { rollingUpdate: { maxSurge: '25%' } } }, extra: true });
    expect(() => decodeObject(DEPLOY, withExtra(), 'Strict')).toThrow('strict decoding error: unknown field "spec.replicaz", unknown field "extra"');
    const warned = withExtra();
    expect(decodeObject(DEPLOY, warned, 'Warn').warnings).toEqual(['unknown field "spec.replicaz"', 'unknown field "extra"']);
    expect(warned).not.toHaveProperty('extra');
    expect(warned.spec).not.toHaveProperty('replicaz');
    expect(decodeObject(DEPLOY, withExtra(), 'Ignore').warnings).toEqual([]);
    expect(() => decodeObject(DEPLOY, { spec: { strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '10%' } } } }, 'Strict')).not.toThrow();
  });
});

describe('validation (422 Invalid naming the field)', () => {
  it('a good deployment passes', () => {
    expect(problems(() => validateAgainstSchema(DEPLOY, 'web', deployment() as never))).toEqual([]);
  });

  it('containers required, container name and image required, unique lowercase names', () => {
    const d = deployment();
    d.spec.template.spec.containers = [];
    expect(problems(() => validateAgainstSchema(DEPLOY, 'web', d as never))).toEqual([
      { field: 'spec.template.spec.containers', reason: 'FieldValueRequired', message: 'Required value' }]);
    const e = deployment() as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } };
    e.spec.template.spec.containers = [{ name: 'Web', image: 'x' }, { name: 'Web', image: ' ' }, { image: 'x' }];
    const p = problems(() => validateAgainstSchema(DEPLOY, 'web', e as never));
    expect(p.map((x) => `${x.field} ${x.reason}`)).toEqual([
      'spec.template.spec.containers[0].name FieldValueInvalid',
      'spec.template.spec.containers[1].name FieldValueDuplicate',
      'spec.template.spec.containers[1].image FieldValueRequired',
      'spec.template.spec.containers[2].name FieldValueRequired',
    ]);
    expect(p[0].message).toMatch(/^Invalid value: "Web": a lowercase RFC 1123 label must consist of/);
  });

  it('replicas ≥ 0, ports 1-65535, selector must match the template labels, selector required', () => {
    const d = deployment() as ReturnType<typeof deployment> & { spec: Record<string, unknown> };
    d.spec.replicas = -1;
    d.spec.template.spec.containers[0].ports = [{ containerPort: 0 }];
    d.spec.template.metadata.labels = { app: 'other' };
    expect(problems(() => validateAgainstSchema(DEPLOY, 'web', d as never))).toEqual([
      { field: 'spec.replicas', reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0' },
      { field: 'spec.template.metadata.labels', reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`' },
      { field: 'spec.template.spec.containers[0].ports[0].containerPort', reason: 'FieldValueInvalid', message: 'Invalid value: 0: must be between 1 and 65535, inclusive' },
    ]);
    const noSel = deployment() as { spec: Record<string, unknown> };
    delete noSel.spec.selector;
    expect(problems(() => validateAgainstSchema(DEPLOY, 'web', noSel as never))).toEqual([
      { field: 'spec.selector', reason: 'FieldValueRequired', message: 'Required value' }]);
  });

  it('service ports in range and required; the message names kind and object', () => {
    const svc = { metadata: { name: 's' }, spec: { ports: [{ port: 70000 }, { name: 'x' }] } };
    try {
      validateAgainstSchema(SERVICE, 's', svc as never);
      expect.unreachable();
    } catch (err) {
      expect((err as K8sError).k8s).toMatchObject({
        code: 422, reason: 'Invalid',
        message: 'Service "s" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[1].port: Required value]',
        details: { name: 's', kind: 'Service', group: '' },
      });
    }
  });
});
