import { describe, expect, it } from 'vitest';
import { objectIssues, placeServerErrors } from './server-errors';

describe('placeServerErrors', () => {
  it('puts a create\'s field errors on the form\'s fields', () => {
    const p = placeServerErrors({ 'workloads.0.containers.0.image.image_version': 'required', 'workloads.0.workload_base.name': 'taken' });
    expect(p.fields).toEqual({ 'containers.0.image.image_version': 'required', 'workload_base.name': 'taken' });
    expect(p.rest).toEqual([]);
  });

  it('a PATCH action\'s access_modes are the form\'s access_mode', () => {
    expect(placeServerErrors({ 'access_modes.0.access.0.node_port': 'between 30000 and 32767' }).fields).toEqual({ 'access_mode.0.access.0.node_port': 'between 30000 and 32767' });
  });

  it('an OpenAPI refusal names the object; its field path goes to the YAML', () => {
    const p = placeServerErrors({ 'Deployment/web': 'spec.template.spec.containers[0].image: Required value', namespace: 'no current namespace' });
    expect(p.objects).toEqual([{ kind: 'Deployment', name: 'web', path: ['spec', 'template', 'spec', 'containers', '0', 'image'], message: 'spec.template.spec.containers[0].image: Required value' }]);
    expect(p.rest).toEqual(['namespace: no current namespace']);
    const docs = [{ kind: 'Deployment', metadata: { name: 'web' } }];
    expect(objectIssues(p.objects, docs)[0]).toMatchObject({ doc: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'image'] });
  });
});
