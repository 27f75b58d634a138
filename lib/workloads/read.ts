import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Node, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { getObject, listAll } from '@/lib/cluster/adapter';
import type { Workload, WorkloadType } from '@/lib/dialects/ecns/workloads';
import { NotFound } from '@/lib/errors';
import { ingressesOf, servicesOf, type NodeAddresses } from './access';
import type { WorkloadObject } from './bundle';
import { workloadFromKube } from './from-kube';
import { HPA, INGRESS, NODE, POD, PVC, SERVICE, WORKLOAD_REF } from './kinds';
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

export async function readNeighbours(sc: WorkloadScope, o: { nodes?: boolean } = {}): Promise<Neighbours> {
  const ns = { namespace: sc.namespace };
  const [services, ingresses, hpas, claims, nodes] = await Promise.all([
    listAll(sc.c, SERVICE, ns),
    listAll(sc.c, INGRESS, ns),
    listAll(sc.c, HPA, ns),
    listAll(sc.c, PVC, { ...ns, labelSelector: WORKLOAD_LABEL }),
    o.nodes ? listAll(sc.c, NODE) : Promise.resolve(undefined),
  ]);
  return {
    services: services.items as Service[], ingresses: ingresses.items as Ingress[], hpas: hpas.items as HorizontalPodAutoscaler[],
    claims: claims.items as PersistentVolumeClaim[],
    ...(nodes ? { nodes: nodeAddresses(nodes.items as Node[]) } : {}),
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
