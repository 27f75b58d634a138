/**
 * What one application version runs. Client-safe: the form, the Kubernetes
 * translation (lib/deploy) and the DB schema share these types.
 *
 * CPU is kept as ote sends it, in percent of one core (10 = 0.1 core = 100m);
 * memory in MiB (the seed's "MB").
 */
export type DeployKind = 'deployment' | 'daemonset';

export interface PortSpec {
  port: number;
  hostPort?: number;
}

export interface VolumeSpec {
  /** Mount path inside the container. */
  path: string;
  /** Directory on the node. */
  hostPath: string;
  readOnly: boolean;
}

export interface EnvVar {
  name: string;
  value: string;
}

export interface Dependence {
  name: string;
  service: string;
  port: number;
}

export interface AppSpec {
  deployType: DeployKind;
  image: string;
  repositoryId?: string;
  port: PortSpec[];
  command: string;
  volume: VolumeSpec[];
  env: EnvVar[];
  replicas: number;
  minReplicas: number;
  maxReplicas: number;
  minCPU: number;
  maxCPU: number;
  GPU: number;
  isHPA: boolean;
  targetCPUUtilization: number;
  targetMemUtilization: number;
  minMemory: number;
  maxMemory: number;
  maxUnavailable: number;
  maxSurge: number;
  minReadySeconds: number;
}

/** What an uploaded Helm chart shows: Chart.yaml's main fields, values.yaml, the templates. */
export interface ChartInfo {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type?: string;
  values: string;
  templates: { path: string; content: string }[];
  /** Every file of the archive, relative to the chart's directory. */
  files: string[];
}

/** ote percent of a core → cores (the seed's list shows 0.1 for minCPU 10). */
export const coresOf = (percent: number) => percent / 100;
/** ote percent of a core → a Kubernetes quantity in millicores. */
export const milliCpuOf = (percent: number) => `${percent * 10}m`;
