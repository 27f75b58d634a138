import { isPlainObject, metaOf, type K8sObject } from '../objects';

/**
 * A pod for a controller's pod template, owned by `owner` (controller: true):
 * what every workload controller creates. The name is generated unless given.
 */
export function podFromTemplate(
  owner: K8sObject, template: unknown, o: { generateName?: string; name?: string; labels?: Record<string, string> } = {},
): K8sObject {
  const m = metaOf(owner);
  const t = isPlainObject(template) ? template : {};
  const tm = isPlainObject(t.metadata) ? (t.metadata as Record<string, unknown>) : {};
  const spec = isPlainObject(t.spec) ? structuredClone(t.spec) : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(o.name ? { name: o.name } : { generateName: o.generateName ?? `${m.name}-` }),
      namespace: m.namespace,
      labels: { ...(isPlainObject(tm.labels) ? (tm.labels as Record<string, string>) : {}), ...(o.labels ?? {}) },
      ...(isPlainObject(tm.annotations) ? { annotations: tm.annotations as Record<string, string> } : {}),
      ownerReferences: [{
        apiVersion: String(owner.apiVersion), kind: String(owner.kind), name: m.name!, uid: m.uid!, controller: true, blockOwnerDeletion: true,
      }],
    },
    spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', ...spec },
  };
}
