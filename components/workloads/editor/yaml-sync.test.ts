import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Workload } from '@/lib/dialects/ecns/workloads';
import { validateDocs, workloadFromDocs, workloadYaml, yamlPlaceOf } from './yaml-sync';

const web: Workload = {
  workload_base: { name: 'web', type: 'Deployment', replicas: 2 },
  labels: { tier: 'front' },
  containers: [{
    name: 'nginx', type: 'worker', image: { image: 'nginx', image_version: 'alpine' },
    health: [{ type: 'readiness', protocol: 'http', path: '/', port: 80 }],
    env: [{ type: 'ConfigMap', name: 'COLOR', key: 'settings', value: 'color' }],
  }],
  access_mode: [{ type: 'NodePort', access: [{ port: 80, target_port: 80, protocol: 'TCP' }] }],
  scale_strategy: { min_replicas: 2, max_replicas: 5, resource: { cpu: 60 } },
};
const docsOf = (text: string) => parseAllDocuments(text).map((d) => (d as { toJS(): unknown }).toJS());

describe('the YAML tab', () => {
  it('shows the workload as its objects: Deployment, Service, HPA', () => {
    const text = workloadYaml(web, 'alpha')!;
    expect(docsOf(text).map((d) => (d as { kind: string }).kind)).toEqual(['Deployment', 'Service', 'HorizontalPodAutoscaler']);
    expect(text).toContain('image: nginx:alpine');
    expect(text).toContain('configMapKeyRef');
  });

  it('reads its own YAML back to the same workload, and a replicas edit into the form', () => {
    const text = workloadYaml(web, 'alpha')!;
    const r = workloadFromDocs(docsOf(text.replace('replicas: 2', 'replicas: 4')), 'alpha');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.workload.workload_base.replicas).toBe(4);
    expect(r.workload.containers[0].env).toEqual(web.containers[0].env);
    expect(r.workload.scale_strategy).toEqual(web.scale_strategy);
  });

  it('says what the form cannot represent instead of dropping it', () => {
    const docs = docsOf(workloadYaml(web, 'alpha')!) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    docs[0].spec.template.spec.containers[0].ports = [{ containerPort: 80 }];
    docs[0].spec.template.spec.tolerations = [{ key: 'gpu', operator: 'Exists' }];
    const r = workloadFromDocs(docs, 'alpha');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reasons).toContain('Deployment/web: spec.template.spec.containers.0.ports');
    expect(r.reasons).toContain('Deployment/web: spec.template.spec.tolerations');
  });

  it('editing: fields of the live containers the form does not describe read back as they are', () => {
    const live = JSON.parse(JSON.stringify(docsOf(workloadYaml(web, 'alpha')!)[0]));
    live.spec.template.spec.containers[0].terminationMessagePath = '/dev/termination-log';
    const text = workloadYaml(web, 'alpha', live)!;
    expect(text).toContain('terminationMessagePath');
    expect(workloadFromDocs(docsOf(text), 'alpha', live).ok).toBe(true);
    expect(workloadFromDocs(docsOf(text), 'alpha').ok).toBe(false);
  });

  it('refuses objects the workload does not make, and a YAML without one workload', () => {
    const docs = [...docsOf(workloadYaml(web, 'alpha')!), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }];
    const r = workloadFromDocs(docs, 'alpha');
    expect(r.ok || r.reasons).toEqual(['ConfigMap/x: the form makes no such object']);
    const none = workloadFromDocs([{ kind: 'Service', metadata: { name: 'a' } }], 'alpha');
    expect(none.ok).toBe(false);
  });

  it('puts a rule the workload breaks at the line of the field in the YAML', () => {
    const text = workloadYaml(web, 'alpha')!.replace('name: nginx\n', 'name: Nginx_Bad\n');
    const docs = docsOf(text);
    const issues = validateDocs(docs, 'alpha');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ doc: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'name'] });
    expect(issues[0].message).toMatch(/^containers\.0\.name: /);
  });

  it('maps ECNS paths to Kubernetes ones', () => {
    const docs = docsOf(workloadYaml(web, 'alpha')!);
    expect(yamlPlaceOf(['workload_base', 'replicas'], web, docs)).toEqual({ doc: 0, path: ['spec', 'replicas'] });
    expect(yamlPlaceOf(['containers', 0, 'health', 0, 'port'], web, docs)).toEqual({ doc: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'] });
    expect(yamlPlaceOf(['access_mode', 0, 'access', 0, 'node_port'], web, docs)).toEqual({ doc: 1, path: ['spec', 'ports', 0] });
    expect(yamlPlaceOf(['scale_strategy', 'max_replicas'], web, docs)).toEqual({ doc: 2, path: ['spec', 'maxReplicas'] });
  });
});
