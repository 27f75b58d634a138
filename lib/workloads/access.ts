import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Ingress, HTTPIngressPath, IngressRule } from 'kubernetes-types/networking/v1';
import { serviceNameFor, type Access, type AccessMode, type Router } from '@/lib/dialects/ecns/workloads';
import { LB_EXTERNAL_ANNOTATION, LB_SUBNET_ANNOTATION, PIER_PREFIX, parseJsonAnnotation, WORKLOAD_LABEL } from './labels';

const portName = (a: Access) => `${(a.protocol ?? 'TCP').toLowerCase()}-${a.port}`;

/** One access mode → its Service (selecting the workload's pods) and, when it has routers, an Ingress of the same name. */
export function accessModeToKube(workload: string, selector: Record<string, string>, m: AccessMode, index: number): { service: Service; ingress?: Ingress } {
  const name = m.name ?? serviceNameFor(workload, index);
  const annotations: Record<string, string> = { ...(m.annotations ?? {}) };
  if (m.type === 'LoadBalancer' && m.external) annotations[LB_EXTERNAL_ANNOTATION] = JSON.stringify(m.external);
  if (m.type === 'LoadBalancer' && m.subnet) annotations[LB_SUBNET_ANNOTATION] = m.subnet;
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { [WORKLOAD_LABEL]: workload }, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { type: m.type },
  };
  const spec = service.spec!;
  if (m.type === 'ExternalName') spec.externalName = m.external_name;
  else spec.selector = { ...selector };
  if (m.cluster_ip) spec.clusterIP = m.cluster_ip;
  const ports: ServicePort[] = m.access.filter((a) => a.port !== undefined).map((a) => ({
    name: portName(a),
    port: a.port!,
    protocol: a.protocol ?? 'TCP',
    targetPort: a.target_port ?? a.port!,
    ...(a.node_port !== undefined ? { nodePort: a.node_port } : {}),
  }));
  if (ports.length) spec.ports = ports;
  const rules: IngressRule[] = [];
  for (const a of m.access) {
    for (const r of a.routers ?? []) {
      const path: HTTPIngressPath = {
        path: r.path ?? '/',
        pathType: 'Prefix',
        backend: { service: { name: r.target_service ?? name, port: { number: r.service_port ?? a.port! } } },
      };
      const host = r.domain;
      const rule = rules.find((x) => x.host === host);
      if (rule) rule.http!.paths.push(path);
      else rules.push({ ...(host ? { host } : {}), http: { paths: [path] } });
    }
  }
  if (!rules.length) return { service };
  const ingress: Ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, labels: { [WORKLOAD_LABEL]: workload } },
    spec: { rules },
  };
  return { service, ingress };
}

export interface NodeAddresses {
  /** InternalIP of control-plane nodes (NodePort public_ips). */
  masters: string[];
  /** InternalIP of every node (NodePort private_ips). */
  all: string[];
}

/** A Service (and the Ingresses naming it) → an ECNS access mode. */
export function accessModeFromKube(s: Service, ingresses: Ingress[], nodes?: NodeAddresses): AccessMode {
  const spec = s.spec ?? {};
  const type = (spec.type ?? 'ClusterIP') as AccessMode['type'];
  const name = s.metadata?.name ?? '';
  const routes: Array<{ port: number | undefined; router: Router }> = [];
  for (const ing of ingresses) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend.service;
        if (!svc || svc.name !== name) continue;
        const port = svc.port?.number;
        routes.push({ port, router: { ...(rule.host ? { domain: rule.host } : {}), path: p.path ?? '/', target_service: svc.name, ...(port !== undefined ? { service_port: port } : {}) } });
      }
    }
  }
  const access: Access[] = (spec.ports ?? []).map((p) => {
    const a: Access = { port: p.port, protocol: (p.protocol ?? 'TCP') as Access['protocol'] };
    if (p.targetPort !== undefined && typeof p.targetPort === 'number') a.target_port = p.targetPort;
    else if (p.targetPort === undefined) a.target_port = p.port;
    if (p.nodePort && (type === 'NodePort' || type === 'LoadBalancer')) a.node_port = p.nodePort;
    return a;
  });
  for (const r of routes) {
    const a = access.find((x) => x.port === r.port) ?? access[0];
    if (a) (a.routers ??= []).push(r.router);
  }
  const annotations = Object.fromEntries(Object.entries(s.metadata?.annotations ?? {}).filter(([k]) => !k.startsWith(PIER_PREFIX)));
  const m: AccessMode = { name, type, access, annotations };
  if (type === 'ExternalName') m.external_name = spec.externalName;
  else if (spec.clusterIP) m.cluster_ip = spec.clusterIP;
  if (type === 'NodePort' && nodes) {
    m.public_ips = [...nodes.masters];
    m.private_ips = [...nodes.all];
  }
  if (type === 'LoadBalancer') {
    m.public_ips = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
    m.external = parseJsonAnnotation<Record<string, unknown>>(s.metadata?.annotations, LB_EXTERNAL_ANNOTATION) ?? null;
    m.subnet = s.metadata?.annotations?.[LB_SUBNET_ANNOTATION] ?? null;
  }
  return m;
}

/** The Services that belong to a workload: labelled for it by Pier, or (made with kubectl) selecting a subset of its pod labels. */
export function servicesOf(workload: string, podLabels: Record<string, string>, services: Service[]): Service[] {
  return services.filter((s) => {
    if (s.metadata?.labels?.[WORKLOAD_LABEL] !== undefined) return s.metadata.labels[WORKLOAD_LABEL] === workload;
    const sel = s.spec?.selector;
    return !!sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => podLabels[k] === v);
  });
}

/** The Ingresses routing to any of these Services. */
export function ingressesOf(services: Service[], ingresses: Ingress[]): Ingress[] {
  const names = new Set(services.map((s) => s.metadata?.name));
  return ingresses.filter((i) => (i.spec?.rules ?? []).some((r) => (r.http?.paths ?? []).some((p) => names.has(p.backend.service?.name))));
}
