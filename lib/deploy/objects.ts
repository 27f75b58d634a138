/**
 * An application version → the Kubernetes objects that run it. Pure and
 * client-safe: the worker applies these, the audit page diffs them against
 * what runs, the form previews them as YAML.
 */
import { milliCpuOf, type AppSpec } from '../catalog/spec';
import { APP_LABEL, DEPLOYMENT_LABEL, DEPLOY_ID_ANNOTATION, VERSION_LABEL } from './labels';
import { placementOf, type Requirement } from './selector';

export type KubeObj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  [k: string]: unknown;
};

export interface Target {
  deployName: string;
  namespace: string;
  appName: string;
  version: string;
  /** ote's deployment id. */
  deployId?: number;
  /** From `nodeLabel`. */
  nodeSelector?: Requirement[];
}

/** Shell-like words: whitespace separates, single and double quotes group, backslash escapes. */
export function commandWords(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) cur += command[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") { quote = ch; started = true; }
    else if (ch === '\\' && i + 1 < command.length) { cur += command[++i]; started = true; }
    else if (/\s/.test(ch)) { if (started) { out.push(cur); cur = ''; started = false; } }
    else { cur += ch; started = true; }
  }
  if (quote) throw new Error('unterminated quote');
  if (started) out.push(cur);
  return out;
}

/** `maxUnavailable`/`maxSurge` pairs Kubernetes accepts for a DaemonSet: a surge needs maxUnavailable 0 or both set. */
function rollingUpdate(spec: AppSpec) {
  return { maxUnavailable: spec.maxUnavailable, maxSurge: spec.maxSurge };
}

function container(spec: AppSpec, name: string): Record<string, unknown> {
  const c: Record<string, unknown> = { name, image: spec.image };
  const words = spec.command.trim() ? commandWords(spec.command) : [];
  if (words.length) c.command = words;
  if (spec.port.length) {
    c.ports = spec.port.map((p) => ({ containerPort: p.port, ...(p.hostPort ? { hostPort: p.hostPort } : {}), protocol: 'TCP' }));
  }
  if (spec.env.length) c.env = spec.env.map((e) => ({ name: e.name, value: e.value }));
  const limits: Record<string, string> = { cpu: milliCpuOf(spec.maxCPU), memory: `${spec.maxMemory}Mi` };
  if (spec.GPU > 0) limits['nvidia.com/gpu'] = String(spec.GPU);
  c.resources = { requests: { cpu: milliCpuOf(spec.minCPU), memory: `${spec.minMemory}Mi` }, limits };
  if (spec.volume.length) c.volumeMounts = spec.volume.map((v, i) => ({ name: `vol-${i}`, mountPath: v.path, readOnly: v.readOnly }));
  return c;
}

/** The pull Secret's name for a third-party registry (`repositoryId`), as a DNS name. */
export function pullSecretName(repositoryId: string): string {
  return `pier-registry-${repositoryId.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`;
}

/** The Deployment or DaemonSet, a ClusterIP Service when the version exposes ports, an HPA when isHPA. */
export function objectsOf(spec: AppSpec, t: Target): KubeObj[] {
  const selector = { [DEPLOYMENT_LABEL]: t.deployName };
  const labels = { ...selector, [APP_LABEL]: t.appName, [VERSION_LABEL]: t.version };
  const metadata = (name: string) => ({
    name, namespace: t.namespace, labels,
    ...(t.deployId !== undefined ? { annotations: { [DEPLOY_ID_ANNOTATION]: String(t.deployId) } } : {}),
  });
  const podSpec: Record<string, unknown> = { containers: [container(spec, t.appName)], ...placementOf(t.nodeSelector ?? []) };
  if (spec.volume.length) podSpec.volumes = spec.volume.map((v, i) => ({ name: `vol-${i}`, hostPath: { path: v.hostPath } }));
  if (spec.repositoryId) podSpec.imagePullSecrets = [{ name: pullSecretName(spec.repositoryId) }];
  const template = { metadata: { labels }, spec: podSpec };
  const out: KubeObj[] = [];
  if (spec.deployType === 'deployment') {
    out.push({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: metadata(t.deployName),
      spec: {
        replicas: spec.replicas,
        selector: { matchLabels: selector },
        minReadySeconds: spec.minReadySeconds,
        strategy: { type: 'RollingUpdate', rollingUpdate: rollingUpdate(spec) },
        template,
      },
    });
  } else {
    out.push({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: metadata(t.deployName),
      spec: {
        selector: { matchLabels: selector },
        minReadySeconds: spec.minReadySeconds,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: rollingUpdate(spec) },
        template,
      },
    });
  }
  if (spec.port.length) {
    out.push({
      apiVersion: 'v1', kind: 'Service', metadata: metadata(t.deployName),
      spec: { type: 'ClusterIP', selector, ports: spec.port.map((p) => ({ name: `tcp-${p.port}`, port: p.port, targetPort: p.port, protocol: 'TCP' })) },
    });
  }
  if (spec.deployType === 'deployment' && spec.isHPA) {
    out.push({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: metadata(t.deployName),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: t.deployName },
        minReplicas: spec.minReplicas,
        maxReplicas: spec.maxReplicas,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilization } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: spec.targetMemUtilization } } },
        ],
      },
    });
  }
  return out;
}

/** The kinds a deployment may own, for finding what runs now (and removing what a new version no longer has). */
export const OWNED_KINDS = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
] as const;

export const objectKey = (o: Pick<KubeObj, 'kind' | 'metadata'>) => `${o.kind}/${o.metadata.name}`;
