import { kindOf } from '@/lib/cluster/sim/kinds';
import type { K8sObject } from '@/lib/cluster/sim/objects';
import { decodeObject } from '@/lib/cluster/sim/openapi/decode';
import { validateAgainstSchema } from '@/lib/cluster/sim/openapi/validate';
import type { KubeObj } from './objects';

export interface ObjectProblem {
  object: string;
  message: string;
}

/**
 * Each object against the Kubernetes 1.30 OpenAPI schemas, strictly (types,
 * unknown fields, required fields, the apiserver's object rules), before
 * anything is sent to a cluster. Returns the problems, empty when all pass.
 */
export function objectProblems(objects: KubeObj[]): ObjectProblem[] {
  const out: ObjectProblem[] = [];
  for (const o of objects) {
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    const k = kindOf(group, o.kind);
    const object = `${o.kind}/${o.metadata.name}`;
    if (!k) { out.push({ object, message: `no schema for ${o.apiVersion} ${o.kind}` }); continue; }
    try {
      decodeObject(k, structuredClone(o), 'Strict', { prune: false });
      validateAgainstSchema(k, o.metadata.name, o as unknown as K8sObject);
    } catch (err) {
      out.push({ object, message: (err as Error).message });
    }
  }
  return out;
}
