import type { ContainerState, ContainerStatus, Event, Pod } from 'kubernetes-types/core/v1';
import type { Ctx } from '@/lib/context';
import { getObject, listAll } from '@/lib/cluster/adapter';
import { NotFound } from '@/lib/errors';
import { rowOf } from './rows';
import type { PodRow } from './schema';
import { podNamespace } from './scope';

const POD = { apiVersion: 'v1', kind: 'Pod' };
const EVENT = { apiVersion: 'v1', kind: 'Event' };

export interface ContainerView {
  name: string;
  type: 'init' | 'worker';
  image: string;
  ready: boolean;
  restarts: number;
  state: StateView | null;
  lastTermination: StateView | null;
}

export interface StateView {
  state: 'running' | 'waiting' | 'terminated';
  reason: string;
  message: string;
  exitCode?: number;
  at: string;
}

export interface PodDetail {
  row: PodRow;
  phase: string;
  hostIP: string;
  qosClass: string;
  restartPolicy: string;
  /** May the caller delete it (a write grant on the namespace). */
  writable: boolean;
  containers: ContainerView[];
  conditions: Array<{ type: string; status: string; reason: string; message: string; at: string }>;
  events: Array<{ type: string; reason: string; message: string; count: number; at: string; source: string }>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function stateOf(s: ContainerState | undefined): StateView | null {
  if (s?.running) return { state: 'running', reason: '', message: '', at: s.running.startedAt ?? '' };
  if (s?.waiting) return { state: 'waiting', reason: s.waiting.reason ?? '', message: s.waiting.message ?? '', at: '' };
  if (s?.terminated) {
    const t = s.terminated;
    return { state: 'terminated', reason: t.reason ?? '', message: t.message ?? '', exitCode: t.exitCode, at: t.finishedAt ?? '' };
  }
  return null;
}

/** A pod as its page shows it: containers with state and last termination, conditions, events (newest first), labels. */
export async function podDetail(ctx: Ctx, clusterName: string, namespace: string, name: string): Promise<PodDetail> {
  const ns = await podNamespace(ctx, clusterName, namespace);
  const p = (await getObject(ns.c, POD, name, ns.name).catch((err) => {
    throw err instanceof NotFound ? new NotFound('pod', `pod "${name}" not found in namespace "${ns.name}"`) : err;
  })) as Pod;
  const statuses = new Map<string, ContainerStatus>();
  for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) statuses.set(s.name, s);
  const view = (type: ContainerView['type']) => (c: { name: string; image?: string }): ContainerView => {
    const s = statuses.get(c.name);
    return { name: c.name, type, image: c.image ?? '', ready: !!s?.ready, restarts: s?.restartCount ?? 0, state: stateOf(s?.state), lastTermination: stateOf(s?.lastState) };
  };
  const events = ((await listAll(ns.c, EVENT, { namespace: ns.name, fieldSelector: `involvedObject.name=${name}` })).items as unknown as Event[])
    .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name && (!p.metadata?.uid || !e.involvedObject.uid || e.involvedObject.uid === p.metadata.uid))
    .map((e) => ({
      type: e.type ?? 'Normal', reason: e.reason ?? '', message: e.message ?? '', count: e.count ?? 1,
      at: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '', source: e.source?.component ?? e.reportingComponent ?? '',
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
  return {
    row: rowOf(p),
    phase: p.status?.phase ?? 'Unknown',
    hostIP: p.status?.hostIP ?? '',
    qosClass: p.status?.qosClass ?? '',
    restartPolicy: p.spec?.restartPolicy ?? 'Always',
    writable: ns.grant === 'write',
    containers: [...(p.spec?.initContainers ?? []).map(view('init')), ...(p.spec?.containers ?? []).map(view('worker'))],
    conditions: (p.status?.conditions ?? []).map((c) => ({
      type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '', at: c.lastTransitionTime ?? c.lastProbeTime ?? '',
    })),
    events,
    labels: { ...(p.metadata?.labels ?? {}) },
    annotations: { ...(p.metadata?.annotations ?? {}) },
  };
}
