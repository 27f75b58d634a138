import { describe, expect, it } from 'vitest';
import { DEFINITIONS } from './schemas';
import { openapiV2Json, openapiV2Protobuf } from './v2';

/** A protobuf reader written from the wire format (not from the writer): field number → raw values, in order. */
function fields(buf: Uint8Array): Map<number, Array<Uint8Array | number>> {
  const out = new Map<number, Array<Uint8Array | number>>();
  let i = 0;
  const varint = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let value: Uint8Array | number;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const n = varint();
      value = buf.subarray(i, i + n);
      i += n;
    } else throw new Error(`unexpected wire type ${wire}`);
    if (!out.has(field)) out.set(field, []);
    out.get(field)!.push(value);
  }
  return out;
}
const text = (b: Uint8Array | number | undefined) => Buffer.from(b as Uint8Array).toString('utf8');

describe('/openapi/v2 as gnostic protobuf', () => {
  const doc = fields(openapiV2Protobuf());

  it('is a Swagger 2.0 Document with Kubernetes\' info and every definition', () => {
    expect(text(doc.get(1)![0])).toBe('2.0');
    const info = fields(doc.get(2)![0] as Uint8Array);
    expect([text(info.get(1)![0]), text(info.get(2)![0])]).toEqual(['Kubernetes', 'v1.30.0']);
    const named = fields(doc.get(9)![0] as Uint8Array).get(1)!.map((n) => fields(n as Uint8Array));
    expect(named.map((n) => text(n.get(1)![0]))).toEqual(Object.keys(DEFINITIONS));
  });

  it('carries types, required fields, properties, $refs, items, maps and the group-version-kind extension as YAML', () => {
    const named = fields(doc.get(9)![0] as Uint8Array).get(1)!.map((n) => fields(n as Uint8Array));
    const def = (name: string) => fields(named.find((n) => text(n.get(1)![0]) === name)!.get(2)![0] as Uint8Array);
    const deployment = def('io.k8s.api.apps.v1.Deployment');
    const ext = fields(deployment.get(31)![0] as Uint8Array);
    expect(text(ext.get(1)![0])).toBe('x-kubernetes-group-version-kind');
    expect(JSON.parse(text(fields(ext.get(2)![0] as Uint8Array).get(2)![0]))).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(text(fields(deployment.get(22)![0] as Uint8Array).get(1)![0])).toBe('object');
    const props = fields(deployment.get(25)![0] as Uint8Array).get(1)!.map((p) => fields(p as Uint8Array));
    expect(props.map((p) => text(p.get(1)![0]))).toEqual(Object.keys(DEFINITIONS['io.k8s.api.apps.v1.Deployment'].properties!));
    const spec = fields(props.find((p) => text(p.get(1)![0]) === 'spec')!.get(2)![0] as Uint8Array);
    expect(text(spec.get(1)![0])).toBe('#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
    const dspec = def('io.k8s.api.apps.v1.DeploymentSpec');
    expect(dspec.get(19)!.map(text)).toEqual(DEFINITIONS['io.k8s.api.apps.v1.DeploymentSpec'].required);
    const podSpec = fields(def('io.k8s.api.core.v1.PodSpec').get(25)![0] as Uint8Array).get(1)!.map((p) => fields(p as Uint8Array));
    const containers = fields(podSpec.find((p) => text(p.get(1)![0]) === 'containers')!.get(2)![0] as Uint8Array);
    expect(text(fields(containers.get(22)![0] as Uint8Array).get(1)![0])).toBe('array');
    expect(text(fields(fields(containers.get(23)![0] as Uint8Array).get(1)![0] as Uint8Array).get(1)![0])).toBe('#/definitions/io.k8s.api.core.v1.Container');
    const nodeSelector = fields(podSpec.find((p) => text(p.get(1)![0]) === 'nodeSelector')!.get(2)![0] as Uint8Array);
    const valueSchema = fields(fields(nodeSelector.get(21)![0] as Uint8Array).get(1)![0] as Uint8Array);
    expect(text(fields(valueSchema.get(22)![0] as Uint8Array).get(1)![0])).toBe('string');
  });

  it('JSON for clients that do not ask for protobuf', () => {
    const json = JSON.parse(openapiV2Json());
    expect(json.swagger).toBe('2.0');
    expect(Object.keys(json.definitions)).toHaveLength(Object.keys(DEFINITIONS).length);
  });
});
