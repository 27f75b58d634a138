/**
 * The defaults a real apiserver (Kubernetes 1.30) writes into objects on
 * create, for tests that check the k8s → ECNS direction reads a defaulted
 * object the same as the object sent. A test fixture, not a model of the
 * apiserver: it covers the fields the workload translation reads or sits next to.
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function container(c: Obj): void {
  const ref = String(c.image ?? '');
  const tagged = ref.includes('@') || /:[^/]+$/.test(ref);
  const latest = !ref.includes('@') && (!tagged || ref.endsWith(':latest'));
  c.imagePullPolicy ??= latest ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = c[key];
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
  }
}

function podSpec(s: Obj): void {
  s.restartPolicy ??= 'Always';
  s.terminationGracePeriodSeconds ??= 30;
  s.dnsPolicy ??= 'ClusterFirst';
  s.securityContext ??= {};
  s.schedulerName ??= 'default-scheduler';
  for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) container(c);
  for (const v of s.volumes ?? []) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.hostPath) v.hostPath.type ??= '';
  }
}

export function withApiserverDefaults<T>(object: T): T {
  const o = structuredClone(object) as Obj;
  o.metadata = { uid: '00000000-0000-0000-0000-000000000001', resourceVersion: '42', generation: 1, creationTimestamp: '2026-11-22T10:00:00Z', ...o.metadata };
  const spec = o.spec ?? {};
  switch (o.kind) {
    case 'Deployment':
      spec.replicas ??= 1;
      spec.strategy ??= { type: 'RollingUpdate' };
      if (spec.strategy.type === 'RollingUpdate') spec.strategy.rollingUpdate = { maxSurge: '25%', maxUnavailable: '25%', ...spec.strategy.rollingUpdate };
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      podSpec(spec.template.spec);
      break;
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate = { partition: 0, ...spec.updateStrategy.rollingUpdate };
      spec.revisionHistoryLimit ??= 10;
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      for (const t of spec.volumeClaimTemplates ?? []) t.spec.volumeMode ??= 'Filesystem';
      podSpec(spec.template.spec);
      break;
    case 'DaemonSet':
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate = { maxUnavailable: 1, maxSurge: 0, ...spec.updateStrategy.rollingUpdate };
      spec.revisionHistoryLimit ??= 10;
      podSpec(spec.template.spec);
      break;
    case 'Service':
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName') {
        // clusterIP and nodePort are allocated, not defaulted: tests set them where they matter.
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      for (const p of spec.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
      break;
    case 'HorizontalPodAutoscaler':
      spec.minReplicas ??= 1;
      spec.behavior ??= {
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
        scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
      };
      break;
    case 'PersistentVolumeClaim':
      spec.volumeMode ??= 'Filesystem';
      break;
    case 'Ingress':
      for (const r of spec.rules ?? []) for (const p of r.http?.paths ?? []) p.pathType ??= 'ImplementationSpecific';
      break;
  }
  o.spec = spec;
  return o as T;
}
