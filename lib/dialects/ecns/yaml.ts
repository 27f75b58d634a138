import { z } from 'zod';

/** `product_type_list=[eks, hybrid, security]` for every YAML endpoint (1.16 查看yaml / 编辑yaml / 上传yaml). */
export const YAML_PRODUCT_TYPES = ['eks', 'hybrid', 'security'] as const;

/** The kinds the seed lists for the YAML endpoints, with the apiVersion Pier reads and writes each in. */
export const RAW_KINDS = {
  Pod: { apiVersion: 'v1', namespaced: true },
  Service: { apiVersion: 'v1', namespaced: true },
  ConfigMap: { apiVersion: 'v1', namespaced: true },
  Ingress: { apiVersion: 'networking.k8s.io/v1', namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', namespaced: true },
  Deployment: { apiVersion: 'apps/v1', namespaced: true },
  StatefulSet: { apiVersion: 'apps/v1', namespaced: true },
  CronJob: { apiVersion: 'batch/v1', namespaced: true },
  Job: { apiVersion: 'batch/v1', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', namespaced: true },
  PersistentVolumeClaim: { apiVersion: 'v1', namespaced: true },
  PersistentVolume: { apiVersion: 'v1', namespaced: false },
  StorageClass: { apiVersion: 'storage.k8s.io/v1', namespaced: false },
  Secret: { apiVersion: 'v1', namespaced: true },
  // Not in the seed's kind list, but part of what an application is made of (a workload's scale_strategy).
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', namespaced: true },
} as const;
export type RawKind = keyof typeof RAW_KINDS;
/** What the URL's <kind> may be: the seed's list, or `application` (all of an application's resources). */
export const URL_KINDS = [...Object.keys(RAW_KINDS).filter((k) => k !== 'HorizontalPodAutoscaler'), 'application'] as const;

const byLower = new Map<string, string>(URL_KINDS.map((k) => [k.toLowerCase(), k]));

/** The URL's kind, spelled as the seed does ('Deployment') or in lower case ('deployment'). */
export const rawKindParam = z
  .string()
  .transform((s, ctx) => {
    const k = byLower.get(s.toLowerCase());
    if (!k) {
      ctx.addIssue({ code: 'custom', message: `one of ${URL_KINDS.join(', ')}` });
      return z.NEVER;
    }
    return k as RawKind | 'application';
  });

/** A Kubernetes object name (DNS-1123 subdomain: what every listed kind accepts). */
export const rawName = z
  .string()
  .min(1, 'required')
  .max(253, 'at most 253 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'lower-case letters, digits, "-" and "." (a DNS-1123 subdomain)');

export const rawParams = z.strictObject({ kind: rawKindParam, name: rawName });

/** `cluster_addr`: the API server address; it picks the cluster for PersistentVolumes and StorageClasses. */
export const rawQuery = z.strictObject({ cluster_addr: z.string().min(1, 'required').max(2048, 'at most 2048 characters').optional() });

/** The JSON form of a PUT/POST body (the seed leaves the request silent): the YAML text in `yaml`. */
export const rawJsonBody = z.strictObject({ yaml: z.string().min(1, 'required') });

/** yaml_item: one object of a PUT/POST, as answered in `succeed` or `failed`. */
export const yamlItem = z.object({
  name: z.string(),
  kind: z.string(),
  yaml: z.string(),
  reason: z.string(),
});
export type YamlItem = z.infer<typeof yamlItem>;
export const yamlResult = z.object({ succeed: z.array(yamlItem), failed: z.array(yamlItem) });
export type YamlResult = z.infer<typeof yamlResult>;

/** The largest YAML body taken (same bound as JSON bodies). */
export const MAX_YAML_DOCUMENTS = 100;
