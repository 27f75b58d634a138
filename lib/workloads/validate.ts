import { Invalid } from '@/lib/errors';
import { decodeObject } from '@/lib/cluster/sim/openapi/decode';
import { validateAgainstSchema } from '@/lib/cluster/sim/openapi/validate';
import { kindOf } from '@/lib/cluster/sim/kinds';
import type { K8sObject } from '@/lib/cluster/sim/objects';
import type { KubeBundle } from './bundle';

/** Every object of a bundle, in the order they are created (claims and Services before the workload that uses them, the HPA last). */
export function bundleObjects(b: KubeBundle): K8sObject[] {
  return [...b.claims, ...b.services, ...b.ingresses, b.workload, ...(b.hpa ? [b.hpa] : [])] as unknown as K8sObject[];
}

/**
 * Checks each object against the Kubernetes OpenAPI schemas as the apiserver
 * would (types and unknown fields strictly, required fields, the object
 * rules), before anything is sent: a translation slip is a 400 naming the
 * object and field, and nothing in the cluster changes.
 */
export function validateBundle(b: KubeBundle): void {
  for (const o of bundleObjects(b)) {
    const [group] = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/') : [''];
    const k = kindOf(group, String(o.kind));
    if (!k) throw new Error(`no schema for ${o.apiVersion}/${o.kind}`);
    const name = String(o.metadata?.name ?? '');
    try {
      decodeObject(k, structuredClone(o), 'Strict', { prune: false });
      validateAgainstSchema(k, name, o);
    } catch (err) {
      throw new Invalid({ [`${o.kind}/${name}`]: (err as Error).message });
    }
  }
}
