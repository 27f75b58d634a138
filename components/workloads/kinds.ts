import type { WorkloadType } from '@/lib/dialects/ecns/workloads';

/** The URL segment of each kind (`/workloads/deployment/web`). */
export const KIND_SEGMENT: Record<WorkloadType, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };

export function kindOfSegment(segment: string): WorkloadType | null {
  return (Object.entries(KIND_SEGMENT).find(([, s]) => s === segment)?.[0] as WorkloadType | undefined) ?? null;
}

export const workloadHref = (w: { name: string; type: WorkloadType }) => `/workloads/${KIND_SEGMENT[w.type]}/${encodeURIComponent(w.name)}`;
