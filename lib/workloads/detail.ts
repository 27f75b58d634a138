import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { ControllerRevision, ReplicaSet } from 'kubernetes-types/apps/v1';
import { listAll } from '@/lib/cluster/adapter';
import type { WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import type { WorkloadObject } from './bundle';
import { EVENT } from './kinds';
import { fullView, podsOf, readNeighbours, requireWorkload } from './read';
import { revisionsOf } from './revisions';
import { workloadScope, type WorkloadScope } from './scope';

export interface Condition { status: string; type: string; reason?: string; message?: string; update_time: string }
export interface EventView { type: string; reason?: string; message?: string; update_time: string }

export function conditionsOf(o: WorkloadObject): Condition[] {
  const list = ((o.status as { conditions?: Array<Record<string, string>> } | undefined)?.conditions) ?? [];
  return list.map((c) => ({
    status: c.status, type: c.type, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}),
    update_time: c.lastUpdateTime ?? c.lastTransitionTime ?? '',
  }));
}

/** Events about the workload, its ReplicaSets and its pods, newest first. */
export async function eventsOf(sc: WorkloadScope, o: WorkloadObject, owned: Array<{ kind: string; name: string }>): Promise<EventView[]> {
  const events = (await listAll(sc.c, EVENT, { namespace: sc.namespace })).items as unknown as Event[];
  const about = new Set([`${o.kind}/${o.metadata?.name}`, ...owned.map((x) => `${x.kind}/${x.name}`)]);
  return events
    .filter((e) => about.has(`${e.involvedObject.kind}/${e.involvedObject.name}`))
    .map((e) => ({
      type: e.type ?? 'Normal', ...(e.reason ? { reason: e.reason } : {}), ...(e.message ? { message: e.message } : {}),
      update_time: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '',
    }))
    .sort((a, b) => b.update_time.localeCompare(a.update_time));
}

/** GET /workloads/workload/<name>/?workload_type=: conditions, events, revisions and the workload with Pods_status and workload_status. */
export async function workloadDetail(ctx: Ctx, type: WorkloadType, name: string) {
  const sc = await workloadScope(ctx, 'read');
  const o = await requireWorkload(sc, type, name);
  const [n, pods, revs] = await Promise.all([readNeighbours(sc, { nodes: true }), podsOf(sc, o), revisionsOf(sc, o)]);
  const owned = [...revs.owners.map((r: ReplicaSet | ControllerRevision) => ({ kind: String(r.kind ?? 'ReplicaSet'), name: r.metadata?.name ?? '' })),
    ...pods.map((p: Pod) => ({ kind: 'Pod', name: p.metadata?.name ?? '' }))];
  return {
    conditions: conditionsOf(o),
    events: await eventsOf(sc, o, owned),
    revisions: revs.revisions,
    workload: fullView(o, n, pods),
  };
}
