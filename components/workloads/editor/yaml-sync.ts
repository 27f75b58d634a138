import { stringify } from 'yaml';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PersistentVolumeClaim, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { workload as workloadSchema, type Workload } from '@/lib/dialects/ecns/workloads';
import type { KubeBundle, WorkloadObject } from '@/lib/workloads/bundle';
import { workloadFromKube } from '@/lib/workloads/from-kube';
import { workloadToKube } from '@/lib/workloads/to-kube';
import type { YamlIssue } from '@/components/yaml/diagnostics';

/**
 * The editor's YAML tab, both ways: the form's workload → the Kubernetes
 * objects it makes (one `---` document each), and edited YAML → the
 * workload again, refusing (with the reason) what the form cannot represent.
 * Pure and client-safe: only the translation functions of lib/workloads.
 */

type Obj = Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };

/** The objects in the order a reader expects: the workload first, then what belongs to it. */
export function bundleDocs(b: KubeBundle): Obj[] {
  return [b.workload, ...b.services, ...b.ingresses, ...(b.hpa ? [b.hpa] : []), ...b.claims] as unknown as Obj[];
}

export function docsYaml(docs: readonly unknown[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

/** The workload's objects as YAML, or null when the form's values cannot be translated yet (a required part missing). */
export function workloadYaml(w: Workload, namespace: string, live?: WorkloadObject): string | null {
  try {
    return docsYaml(bundleDocs(workloadToKube(w, { namespace, live })));
  } catch {
    return null;
  }
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export type FromYaml =
  | { ok: true; workload: Workload }
  /** `reasons`: what the form cannot say, by object and field. */
  | { ok: false; reasons: string[] };

/** Fields the cluster fills in or keeps for itself: not part of what the user describes. */
function stripServerFields(o: unknown): unknown {
  if (!o || typeof o !== 'object') return o;
  const { status: _status, ...rest } = o as Record<string, unknown>;
  void _status;
  const meta = { ...((rest.metadata as Record<string, unknown>) ?? {}) };
  for (const k of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'namespace']) delete meta[k];
  return { ...rest, metadata: meta };
}

/** Leaf paths where two JSON values differ (an absent value and an empty object/list count as equal). */
export function differences(a: unknown, b: unknown, path = ''): string[] {
  const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'object' && Object.keys(v as object).length === 0);
  if (empty(a) && empty(b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || '(document)'];
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
}

/**
 * Edited YAML documents → the workload. The YAML is accepted only when the
 * workload made from it translates back to the same objects: anything the
 * form has no field for (a container port, a toleration, an extra object)
 * is reported instead of silently dropped.
 */
export function workloadFromDocs(docs: readonly unknown[], namespace: string, live?: WorkloadObject): FromYaml {
  const objs = docs.filter((d): d is Obj => !!d && typeof d === 'object') as Obj[];
  const workloads = objs.filter((o) => WORKLOAD_KINDS.has(String(o.kind)));
  if (workloads.length !== 1) return { ok: false, reasons: [`exactly one Deployment, StatefulSet or DaemonSet is needed (found ${workloads.length})`] };
  const by = (kind: string) => objs.filter((o) => o.kind === kind);
  const known = new Set([...WORKLOAD_KINDS, 'Service', 'Ingress', 'HorizontalPodAutoscaler', 'PersistentVolumeClaim']);
  const others = objs.filter((o) => !known.has(String(o.kind)));
  if (others.length) return { ok: false, reasons: others.map((o) => `${o.kind ?? '(no kind)'}/${o.metadata?.name ?? ''}: the form makes no such object`) };
  const hpas = by('HorizontalPodAutoscaler');
  if (hpas.length > 1) return { ok: false, reasons: ['at most one HorizontalPodAutoscaler'] };
  let w: Workload;
  try {
    w = workloadFromKube({
      workload: workloads[0] as unknown as WorkloadObject,
      services: by('Service') as unknown as Service[],
      ingresses: by('Ingress') as unknown as Ingress[],
      hpa: hpas[0] as unknown as HorizontalPodAutoscaler | undefined,
      claims: by('PersistentVolumeClaim') as unknown as PersistentVolumeClaim[],
    });
  } catch (err) {
    return { ok: false, reasons: [`cannot read the ${workloads[0].kind}: ${(err as Error).message}`] };
  }
  let back: Obj[];
  try {
    // With the live object (editing), container fields the form does not describe come back as they are.
    back = bundleDocs(workloadToKube(w, { namespace, live }));
  } catch (err) {
    return { ok: false, reasons: [(err as Error).message] };
  }
  const key = (o: Obj) => `${o.kind}/${o.metadata?.name ?? ''}`;
  const theirs = new Map(objs.map((o) => [key(o), stripServerFields(o)]));
  const ours = new Map(back.map((o) => [key(o), stripServerFields(o)]));
  const reasons: string[] = [];
  for (const [k, o] of theirs) {
    if (!ours.has(k)) reasons.push(`${k}: not one of the objects this workload makes (its name or selector does not fit)`);
    else reasons.push(...differences(o, ours.get(k)).map((p) => `${k}: ${p}`));
  }
  for (const k of ours.keys()) if (!theirs.has(k)) reasons.push(`${k}: missing (the workload makes it)`);
  return reasons.length ? { ok: false, reasons } : { ok: true, workload: w };
}

/** The first workload document's kind-specific paths for ECNS fields, for placing a rule's message at a YAML line. */
function containerPath(w: Obj, name: string): (string | number)[] | null {
  const pod = ((w.spec as Record<string, unknown> | undefined)?.template as { spec?: { containers?: { name: string }[]; initContainers?: { name: string }[] } } | undefined)?.spec;
  for (const list of ['containers', 'initContainers'] as const) {
    const i = pod?.[list]?.findIndex((c) => c.name === name) ?? -1;
    if (i >= 0) return ['spec', 'template', 'spec', list, i];
  }
  return null;
}

const PROBE = { liveness: 'livenessProbe', readiness: 'readinessProbe', startup: 'startupProbe' } as const;

/**
 * Where in the YAML an ECNS rule's path shows: `containers.0.image.image_version`
 * → the container's `image` line, `workload_base.replicas` → `spec.replicas`, an
 * access mode → its Service document. Anything else → the workload's `spec`.
 */
export function yamlPlaceOf(path: readonly PropertyKey[], w: Workload, docs: readonly unknown[]): Omit<YamlIssue, 'message'> {
  const objs = docs as Obj[];
  const wi = Math.max(0, objs.findIndex((o) => WORKLOAD_KINDS.has(String(o?.kind))));
  const at = (p: (string | number)[], doc = wi) => ({ doc, path: p });
  const [head, a, b, c] = path as (string | number)[];
  if (head === 'workload_base') return at(a === 'name' ? ['metadata', 'name'] : a === 'type' ? ['kind'] : ['spec', 'replicas']);
  if (head === 'labels') return at(['metadata', 'labels', ...(a !== undefined ? [a] : [])]);
  if (head === 'containers' && typeof a === 'number') {
    const base = containerPath(objs[wi] ?? {}, w.containers[a]?.name ?? '');
    if (!base) return at(['spec', 'template', 'spec', 'containers']);
    const container = w.containers[a];
    const rest: (string | number)[] =
      b === 'image' ? ['image']
        : b === 'env' && typeof c === 'number' ? ['env', c]
          : b === 'commands' ? [c === 'args' ? 'args' : 'command']
            : b === 'resources' ? ['resources', ...(path.slice(3) as string[])]
              : b === 'volume_mounts' && typeof c === 'number' ? ['volumeMounts', c]
                : b === 'health' && typeof c === 'number' && container?.health?.[c] ? [PROBE[container.health[c].type]]
                  : b === 'security' ? ['securityContext']
                    : b === 'hooks' ? ['lifecycle']
                      : b === 'name' ? ['name'] : [];
    return at([...base, ...rest]);
  }
  if (head === 'volumes') return at(['spec', 'template', 'spec', 'volumes', ...(typeof a === 'number' ? [a] : [])]);
  if (head === 'access_mode' && typeof a === 'number') {
    const name = w.access_mode?.[a]?.name ?? (a === 0 ? w.workload_base.name : `${w.workload_base.name}-${a + 1}`);
    const si = objs.findIndex((o) => o?.kind === 'Service' && o.metadata?.name === name);
    if (si >= 0) return at(b === 'access' ? ['spec', 'ports', ...(typeof c === 'number' ? [c] : [])] : ['spec'], si);
  }
  if (head === 'scale_strategy') {
    const hi = objs.findIndex((o) => o?.kind === 'HorizontalPodAutoscaler');
    if (hi >= 0) return at(['spec', a === 'min_replicas' ? 'minReplicas' : a === 'max_replicas' ? 'maxReplicas' : 'metrics'], hi);
  }
  if (head === 'update_strategy') return at(['spec', w.workload_base.type === 'Deployment' ? 'strategy' : 'updateStrategy']);
  if (head === 'scheduler_strategy') return at(['spec', 'template', 'spec', 'affinity']);
  if (head === 'network') return at(['spec', 'template', 'spec']);
  return at(['spec']);
}

/**
 * The YAML tab's validator: the workload the YAML describes, checked by the
 * same zod schema the route handlers use, each message at its line and
 * put into the reader's language by `say`.
 */
export function validateDocs(docs: readonly unknown[], namespace: string, live?: WorkloadObject, say: (message: string) => string = (m) => m): YamlIssue[] {
  const r = workloadFromDocs(docs, namespace, live);
  if (!r.ok) return [];
  const checked = workloadSchema.safeParse(r.workload);
  if (checked.success) return [];
  return checked.error.issues.map((i) => ({ ...yamlPlaceOf(i.path, r.workload, docs), message: `${i.path.join('.')}: ${say(i.message)}` }));
}
