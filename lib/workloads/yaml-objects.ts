import { stringify } from 'yaml';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PersistentVolumeClaim, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { getObject, listAll, type KubeObject } from '@/lib/cluster/adapter';
import { WORKLOAD_TYPES } from '@/lib/dialects/ecns/workloads';
import { RAW_KINDS, type RawKind } from '@/lib/dialects/ecns/yaml';
import { NotFound } from '@/lib/errors';
import { ingressesOf, servicesOf } from './access';
import type { WorkloadObject } from './bundle';
import { HPA, INGRESS, PVC, SERVICE, WORKLOAD_REF } from './kinds';
import { APPLICATION_LABEL, WORKLOAD_LABEL } from './labels';
import type { RawScope } from './yaml-scope';
import { hpaOf } from './strategy';

/** The object as `kubectl get -o yaml` shows it, less managedFields (server bookkeeping nobody edits). */
export function objectYaml(o: KubeObject): string {
  const copy = structuredClone(o);
  if (copy.metadata) delete (copy.metadata as { managedFields?: unknown }).managedFields;
  return stringify(copy);
}

export function refOf(kind: RawKind) {
  return { apiVersion: RAW_KINDS[kind].apiVersion, kind };
}

export async function readRaw(sc: RawScope, kind: RawKind, name: string): Promise<KubeObject> {
  try {
    const o = await getObject(sc.c, refOf(kind), name, sc.namespace);
    return { apiVersion: RAW_KINDS[kind].apiVersion, kind, ...o };
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound(kind, `${kind} "${name}" not found${sc.namespace ? ` in namespace "${sc.namespace}"` : ''}`);
    throw err;
  }
}

const key = (o: KubeObject) => `${o.kind}/${o.metadata?.name}`;

/**
 * Everything an application is made of in the namespace: its workloads
 * (label `pier.io/application`), and for each the PVCs Pier made for it, its
 * Services, the Ingresses routing to them and its HPA, in the order they are
 * created (claims and Services before the workload, the HPA last).
 */
export async function applicationObjects(sc: RawScope, application: string): Promise<KubeObject[]> {
  const ns = { namespace: sc.namespace };
  const [workloads, services, ingresses, hpas, claims] = await Promise.all([
    Promise.all(WORKLOAD_TYPES.map(async (t) => (await listAll(sc.c, WORKLOAD_REF[t], { ...ns, labelSelector: `${APPLICATION_LABEL}=${application}` })).items
      .map((o) => ({ ...o, apiVersion: 'apps/v1', kind: t }) as WorkloadObject))),
    listAll(sc.c, SERVICE, ns),
    listAll(sc.c, INGRESS, ns),
    listAll(sc.c, HPA, ns),
    listAll(sc.c, PVC, { ...ns, labelSelector: WORKLOAD_LABEL }),
  ]);
  const out = new Map<string, KubeObject>();
  const add = (kind: string, apiVersion: string, o: { metadata?: unknown }) => {
    const obj = { apiVersion, kind, ...o } as KubeObject;
    out.set(key(obj), obj);
  };
  for (const w of workloads.flat().sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)))) {
    const name = w.metadata?.name ?? '';
    const svcs = servicesOf(name, w.spec?.template.metadata?.labels ?? {}, services.items as Service[]);
    for (const c of (claims.items as PersistentVolumeClaim[]).filter((x) => x.metadata?.labels?.[WORKLOAD_LABEL] === name)) add('PersistentVolumeClaim', 'v1', c);
    for (const s of svcs) add('Service', 'v1', s);
    for (const i of ingressesOf(svcs, ingresses.items as Ingress[])) add('Ingress', 'networking.k8s.io/v1', i);
    add(w.kind!, 'apps/v1', w);
    const hpa = hpaOf(w.kind as (typeof WORKLOAD_TYPES)[number], name, hpas.items as HorizontalPodAutoscaler[]);
    if (hpa) add('HorizontalPodAutoscaler', 'autoscaling/v2', hpa);
  }
  return [...out.values()];
}
