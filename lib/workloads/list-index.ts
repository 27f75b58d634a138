import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PersistentVolumeClaim, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '@/lib/cluster/adapter';
import { cachedKeyed } from '@/lib/cluster/adapter/cache';
import type { WorkloadType } from '@/lib/dialects/ecns/workloads';
import { ingressesOf, servicesOf } from './access';
import type { WorkloadObject } from './bundle';
import { WORKLOAD_LABEL } from './labels';
import type { Neighbours } from './read';
import type { WorkloadScope } from './scope';

/*
 * The workload list's neighbours by index instead of by scanning the
 * namespace per workload. Each index narrows to candidates; the view is
 * then built by the same functions the detail uses (servicesOf, ingressesOf,
 * hpaOf, the claims filter in viewOf), over candidates in the cache's order,
 * so a listed workload is exactly what readNeighbours + viewOf would make.
 */

type Svc = Service & KubeObject;

/**
 * A Service is found under the workload it is labelled for, or (unlabelled)
 * under one pair of its selector: a workload whose pod labels hold the whole
 * selector holds that pair too, so looking up every pod label finds it.
 */
function serviceKeys(s: Svc): string[] {
  const own = s.metadata?.labels?.[WORKLOAD_LABEL];
  if (own !== undefined) return [`w:${own}`];
  const sel = s.spec?.selector ?? {};
  const first = Object.keys(sel).sort()[0];
  return first === undefined ? [] : [`s:${first}=${sel[first]}`];
}

function ingressKeys(i: Ingress & KubeObject): string[] {
  return (i.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend.service?.name)).filter((n): n is string => !!n);
}

const hpaKeys = (h: HorizontalPodAutoscaler & KubeObject) => (h.spec?.scaleTargetRef ? [`${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`] : []);

function claimKeys(c: PersistentVolumeClaim & KubeObject): string[] {
  const w = c.metadata?.labels?.[WORKLOAD_LABEL];
  return w === undefined ? [] : [w];
}

/** For one page of workloads: a function giving each one's Neighbours, narrowed to what can belong to it. */
export async function indexedNeighbours(sc: WorkloadScope): Promise<(o: WorkloadObject) => Neighbours> {
  const [services, ingresses, hpas, claims] = await Promise.all([
    cachedKeyed<Svc>(sc.c, 'services', 'workload-list', serviceKeys),
    cachedKeyed<Ingress & KubeObject>(sc.c, 'ingresses', 'workload-list', ingressKeys),
    cachedKeyed<HorizontalPodAutoscaler & KubeObject>(sc.c, 'hpas', 'workload-list', hpaKeys),
    cachedKeyed<PersistentVolumeClaim & KubeObject>(sc.c, 'pvcs', 'workload-list', claimKeys),
  ]);
  const ns = sc.namespace;
  return (o) => {
    const name = o.metadata?.name ?? '';
    const podLabels = o.spec?.template.metadata?.labels ?? {};
    const svc = servicesOf(name, podLabels, services.index.lookup(ns, [`w:${name}`, ...Object.entries(podLabels).map(([k, v]) => `s:${k}=${v}`)]));
    return {
      services: svc,
      ingresses: ingressesOf(svc, ingresses.index.lookup(ns, svc.map((s) => s.metadata?.name ?? ''))),
      hpas: hpas.index.lookup(ns, [`${o.kind as WorkloadType}/${name}`]),
      claims: claims.index.lookup(ns, [name]),
    };
  };
}
