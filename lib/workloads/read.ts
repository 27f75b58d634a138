import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Node, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { getObject, listAll } from '@/lib/cluster/adapter';
import { cachedList } from '@/lib/cluster/adapter/cache';
import type { Workload, WorkloadType } from '@/lib/dialects/ecns/workloads';
import { NotFound } from '@/lib/errors';
import { ingressesOf, servicesOf, type NodeAddresses } from './access';
import type { WorkloadObject } from './bundle';
import { workloadFromKube } from './from-kube';
import { POD, WORKLOAD_REF } from './kinds';
import { WORKLOAD_LABEL } from './labels';
import type { WorkloadScope } from './scope';
import { selectorString } from './selector';
import { containerState, podStatusOf, workloadStatusOf } from './status';
import { hpaOf } from './strategy';

/** The namespace's objects a workload's view is made from, read once for many workloads. */
export interface Neighbours {
  services: Service[];
  ingresses: Ingress[];
  hpas: HorizontalPodAutoscaler[];
  claims: PersistentVolumeClaim[];
  nodes?: NodeAddresses;
}

/**
 * From the adapter's watch-fed caches (one list and watch per kind and
 * cluster; Pier's own writes are waited for), so a page of workloads costs
 * no list call. Returned arrays are the cache's: read only.
 */
export async function readNeighbours(sc: WorkloadScope, o: { nodes?: boolean } = {}): Promise<Neighbours> {
  const [services, ingresses, hpas, claims, nodes] = await Promise.all([
    cachedList(sc.c, 'services', sc.namespace),
    cachedList(sc.c, 'ingresses', sc.namespace),
    cachedList(sc.c, 'hpas', sc.namespace),
    cachedList(sc.c, 'pvcs', sc.namespace),
    o.nodes ? cachedList(sc.c, 'nodes') : Promise.resolve(undefined),
  ]);
  return {
    services: services.items as unknown as Service[], ingresses: ingresses.items as unknown as Ingress[], hpas: hpas.items as unknown as HorizontalPodAutoscaler[],
    claims: (claims.items as unknown as PersistentVolumeClaim[]).filter((c) => c.metadata?.labels?.[WORKLOAD_LABEL] !== undefined),
    ...(nodes ? { nodes: nodeAddresses(nodes.items as unknown as Node[]) } : {}),
  };
}

function nodeAddresses(nodes: Node[]): NodeAddresses {
  const ip = (n: Node) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const isMaster = (n: Node) => Object.keys(n.metadata?.labels ?? {}).some((k) => k === 'node-role.kubernetes.io/control-plane' || k === 'node-role.kubernetes.io/master');
  return {
    masters: nodes.filter(isMaster).map(ip).filter((x): x is string => !!x),
    all: nodes.map(ip).filter((x): x is string => !!x),
  };
}

/** The ECNS workload of one object, with its Services, Ingresses, HPA and claims from `n`. */
export function viewOf(o: WorkloadObject, n: Neighbours): Workload {
  const name = o.metadata?.name ?? '';
  const podLabels = o.spec?.template.metadata?.labels ?? {};
  const services = servicesOf(name, podLabels, n.services);
  return workloadFromKube({
    workload: o,
    services,
    ingresses: ingressesOf(services, n.ingresses),
    hpa: hpaOf(o.kind as WorkloadType, name, n.hpas),
    claims: n.claims.filter((c) => c.metadata?.labels?.[WORKLOAD_LABEL] === name),
    nodes: n.nodes,
  });
}

/** The workload as ECNS returns it: its definition plus workload_status (and Pods_status and container_statuses when pods are given). */
export function fullView(o: WorkloadObject, n: Neighbours, pods?: Pod[]) {
  const { Pods_status: _p, workload_status: _s, ...w } = viewOf(o, n);
  const out: Omit<Workload, 'workload_status' | 'Pods_status'> & { workload_status: ReturnType<typeof workloadStatusOf>; Pods_status?: ReturnType<typeof podStatusOf>[] } = {
    ...w,
    workload_status: workloadStatusOf(o, w.workload_base, w.access_mode ?? []),
  };
  if (pods) {
    out.Pods_status = pods.map(podStatusOf);
    out.containers = w.containers.map((c) => {
      const state = containerState(pods, c.name);
      return state ? { ...c, container_statuses: state } : c;
    });
  }
  return out;
}

export async function requireWorkload(sc: WorkloadScope, type: WorkloadType, name: string): Promise<WorkloadObject> {
  try {
    return (await getObject(sc.c, WORKLOAD_REF[type], name, sc.namespace)) as WorkloadObject;
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound('workload', `${type} "${name}" not found in namespace "${sc.namespace}"`);
    throw err;
  }
}

export async function podsOf(sc: WorkloadScope, o: WorkloadObject): Promise<Pod[]> {
  const selector = selectorString(o.spec?.selector);
  if (!selector) return [];
  return (await listAll(sc.c, POD, { namespace: sc.namespace, labelSelector: selector })).items as Pod[];
}
