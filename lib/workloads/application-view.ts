import type { EcnsApplicationRow } from '@/db/schema';
import { listAll } from '@/lib/cluster/adapter';
import { WORKLOAD_TYPES } from '@/lib/dialects/ecns/workloads';
import type { ApplicationInfo, ApplicationState } from '@/lib/dialects/ecns/applications';
import type { WorkloadObject } from './bundle';
import { WORKLOAD_REF } from './kinds';
import { APPLICATION_LABEL } from './labels';
import { fullView, readNeighbours } from './read';
import type { WorkloadScope } from './scope';
import type { WorkloadStatus } from './status';

/**
 * The application's status from its workloads' (the seed lists the words,
 * not the rule; Pier's rule): none → No workload; all stopped → Stopped; any
 * failed or unknown → Unready; any still rolling out or being removed →
 * Processing; every running one ready → Running.
 */
export function applicationState(workloads: Array<Pick<WorkloadStatus, 'status'>>): ApplicationState {
  if (!workloads.length) return 'No workload';
  const s = workloads.map((w) => w.status);
  if (s.every((x) => x === 'Stopped')) return 'Stopped';
  if (s.some((x) => x === 'Failed' || x === 'Unknown')) return 'Unready';
  if (s.some((x) => x === 'Pending' || x === 'Removing')) return 'Processing';
  return 'Running';
}

/** The namespace's workloads that belong to an application (label `pier.io/application`), with their kind set. */
export async function memberWorkloads(sc: WorkloadScope, application?: string): Promise<WorkloadObject[]> {
  const labelSelector = application ? `${APPLICATION_LABEL}=${application}` : APPLICATION_LABEL;
  const lists = await Promise.all(WORKLOAD_TYPES.map((t) => listAll(sc.c, WORKLOAD_REF[t], { namespace: sc.namespace, labelSelector })));
  return lists.flatMap((l, i) => (l.items as WorkloadObject[]).map((o) => ({ ...o, kind: WORKLOAD_TYPES[i] }) as WorkloadObject))
    .sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
}

/** application_info for each row, from one read of the namespace's member workloads and their Services. */
export async function applicationInfos(sc: WorkloadScope, rows: EcnsApplicationRow[]): Promise<ApplicationInfo[]> {
  if (!rows.length) return [];
  const workloads = await memberWorkloads(sc, rows.length === 1 ? rows[0].name : undefined);
  const n = workloads.length ? await readNeighbours(sc) : { services: [], ingresses: [], hpas: [], claims: [] };
  const byApp = new Map<string, WorkloadStatus[]>();
  for (const o of workloads) {
    const app = o.metadata?.labels?.[APPLICATION_LABEL] ?? '';
    byApp.set(app, [...(byApp.get(app) ?? []), fullView(o, n).workload_status]);
  }
  return rows.map((r) => {
    const ws = byApp.get(r.name) ?? [];
    return {
      application: { name: r.name, description: r.description, type: r.type as 'Normal' | 'Hybrid' },
      application_status: { creation_time: r.createdAt.toISOString(), status: applicationState(ws) },
      workloads_status: ws,
    };
  });
}
