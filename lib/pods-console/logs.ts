import type { Ctx } from '@/lib/context';
import { followPodLogs, podLogs } from '@/lib/cluster/adapter';
import type { PodLogQuery } from './schema';
import { podNamespace } from './scope';

/**
 * A container's log as text, or with `follow` a stream that stays open and
 * gets each new line as the cluster writes it (ended by the cluster when the
 * container stops, or by the client). The cluster's own refusals (waiting
 * to start, no such container, image can't be pulled) come through as its
 * 400 with the kubelet's message.
 */
export async function podLog(ctx: Ctx, clusterName: string, namespace: string, name: string, q: PodLogQuery, signal: AbortSignal): Promise<string | ReadableStream<Uint8Array>> {
  const ns = await podNamespace(ctx, clusterName, namespace);
  const o = { container: q.container, tailLines: q.tailLines, timestamps: q.timestamps === 'true', previous: q.previous === 'true' };
  if (q.follow !== 'true') return podLogs(ns.c, ns.name, name, o);
  return followPodLogs(ns.c, ns.name, name, o, signal);
}
