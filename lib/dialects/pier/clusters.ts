import { z } from 'zod';
import { id } from './names';

/** Mirrors db/schema/clusters.ts (kept literal here: this module is imported by the browser). */
export const clusterTypes = ['EKS', 'EOS', 'EHOS'] as const;
export const clusterDrivers = ['kubeconfig', 'simulated'] as const;

/** Cluster names appear in URLs (/k8s/<name>/) and kubeconfigs: DNS labels. */
export const clusterName = z
  .string()
  .min(1, 'required')
  .max(63, 'at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'lowercase letters, digits and "-", starting and ending with a letter or digit');

/** The largest kubeconfig accepted; real ones with a CA and a client certificate are a few KiB. */
export const KUBECONFIG_MAX = 256 * 1024;

const labelName = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes' label rules: key `[prefix/]name` (prefix a DNS subdomain ≤ 253, name ≤ 63), value ≤ 63, both alphanumeric at the ends. */
export const labelKey = z.string().superRefine((k, ctx) => {
  const slash = k.lastIndexOf('/');
  const prefix = slash >= 0 ? k.slice(0, slash) : null;
  const name = slash >= 0 ? k.slice(slash + 1) : k;
  if (prefix !== null && (prefix.length === 0 || prefix.length > 253 || !dnsSubdomain.test(prefix))) {
    ctx.addIssue({ code: 'custom', message: 'the prefix must be a DNS subdomain of at most 253 characters' });
  }
  if (name.length === 0 || name.length > 63 || !labelName.test(name)) {
    ctx.addIssue({ code: 'custom', message: 'the name must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit' });
  }
});

export const labelValue = z
  .string()
  .max(63, 'at most 63 characters')
  .refine((v) => v === '' || labelName.test(v), 'letters, digits, "-", "_" or ".", starting and ending with a letter or digit');

export const clusterLabels = z
  .record(labelKey, labelValue)
  .refine((l) => Object.keys(l).length <= 64, 'at most 64 labels');

export const clusterRegister = z.strictObject({
  name: clusterName,
  type: z.enum(clusterTypes),
  kubeconfig: z.string().min(1, 'required').max(KUBECONFIG_MAX, `at most ${KUBECONFIG_MAX / 1024} KiB`),
  /** Null: shared with every department (system administrators only). */
  departmentId: id.nullable().default(null),
  labels: clusterLabels.default({}),
});

export const clusterUpdate = z.strictObject({
  type: z.enum(clusterTypes).optional(),
  departmentId: id.nullable().optional(),
  labels: clusterLabels.optional(),
});

export const nodeReadiness = z.strictObject({ ready: z.boolean() });

export type ClusterRegister = z.input<typeof clusterRegister>;
export type ClusterRegisterParsed = z.infer<typeof clusterRegister>;
export type ClusterUpdate = z.infer<typeof clusterUpdate>;
export type ClusterType = (typeof clusterTypes)[number];
export type ClusterDriver = (typeof clusterDrivers)[number];

/** A cluster as the console API returns it: never its credentials. */
export interface ClusterView {
  id: string;
  name: string;
  type: ClusterType;
  driver: ClusterDriver;
  server: string;
  departmentId: string | null;
  departmentName: string | null;
  labels: Record<string, string>;
  createdAt: string;
  /** Whether the caller may edit or remove it. */
  manageable: boolean;
}

/** The answer of a connection test. */
export interface ClusterConnection {
  ok: boolean;
  gitVersion?: string;
  platform?: string;
  nodeCount?: number;
  error?: { reason: string; message: string };
}
