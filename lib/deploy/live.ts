/**
 * A deployment's pods as they are now, read from each cluster it went to
 * (for its page), and a bounded refresh of the counts lists show.
 */
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deployments, deployRequests, type PodCounts } from '@/db/schema';
import { listAll } from '@/lib/cluster/adapter';
import type { Ctx } from '../context';
import { PierError } from '../errors';
import { clientsOf, observe } from './kube';
import { DEPLOYMENT_LABEL } from './labels';
import { clustersOfDeployment } from './preview';
import { requireDeployment } from './scope';
import { DeployStatus } from './states';

export interface LivePod {
  name: string;
  phase: string;
  ready: boolean;
  node: string;
  /** Why a container waits (ImagePullBackOff…), if it does. */
  reason: string;
  restarts: number;
}

export interface ClusterPods {
  cluster: string;
  pods: LivePod[];
  running: number;
  error: number;
  total: number;
  /** Set when the cluster could not be read. */
  error_message?: string;
}

type Pod = {
  metadata?: { name?: string };
  spec?: { nodeName?: string };
  status?: { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { restartCount?: number; state?: { waiting?: { reason?: string } } }[] };
};

function podOf(p: Pod): LivePod {
  const statuses = p.status?.containerStatuses ?? [];
  return {
    name: p.metadata?.name ?? '',
    phase: p.status?.phase ?? 'Unknown',
    ready: !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    node: p.spec?.nodeName ?? '',
    reason: statuses.map((s) => s.state?.waiting?.reason).find((r) => !!r) ?? '',
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
  };
}

/** Pods per cluster, live; a cluster that does not answer says so and the others still show. */
export async function livePods(ctx: Ctx, deploySeq: number): Promise<ClusterPods[]> {
  const d = await requireDeployment(ctx, { seq: deploySeq });
  if (d.deletedAt) return [];
  const out: ClusterPods[] = [];
  for (const cluster of await clustersOfDeployment(ctx, d.id)) {
    try {
      const c = await clientsOf(ctx.db, cluster);
      const o = await observe(c, d.namespace, d.name);
      const list = await listAll(c, { apiVersion: 'v1', kind: 'Pod' }, { namespace: d.namespace, labelSelector: `${DEPLOYMENT_LABEL}=${d.name}` });
      const pods = (list.items as Pod[]).map(podOf).sort((a, b) => a.name.localeCompare(b.name));
      out.push({ cluster, pods, running: o.running, error: o.error, total: o.total });
    } catch (err) {
      if (!(err instanceof PierError)) throw err;
      out.push({ cluster, pods: [], running: 0, error: 0, total: 0, error_message: err.message });
    }
  }
  return out;
}

/** How many settled deployments one worker pass re-counts: bounds the pod lists a pass costs. */
export const REFRESH_PER_PASS = Number(process.env.PIER_DEPLOY_REFRESH_PER_PASS || 5);

/**
 * Lists show the pod counts stored on the deployment. The worker stores
 * them while a rollout runs; after it settles, pods still crash, get
 * evicted or recover. Each pass re-counts the next `limit` settled
 * deployments after `cursor` (by id, wrapping around), so every count is
 * at most ⌈settled / limit⌉ passes old and a pass costs at most `limit`
 * pod lists per cluster. Returns the cursor for the next pass.
 */
export async function refreshPodCounts(db: Db, cursor: number, limit = REFRESH_PER_PASS): Promise<number> {
  if (limit <= 0) return cursor;
  const settled = and(isNull(deployments.deletedAt), inArray(deployments.status, [DeployStatus.success, DeployStatus.partial, DeployStatus.failed, DeployStatus.disapproved]));
  let rows = await db.select().from(deployments).where(and(settled, gt(deployments.seq, cursor))).orderBy(asc(deployments.seq)).limit(limit);
  if (!rows.length && cursor > 0) rows = await db.select().from(deployments).where(settled).orderBy(asc(deployments.seq)).limit(limit);
  for (const d of rows) {
    const reqs = await db.select({ clusters: deployRequests.clusters }).from(deployRequests).where(eq(deployRequests.deploymentId, d.id));
    const pods: PodCounts = { running: 0, error: 0, total: 0 };
    let read = true;
    for (const cluster of new Set(reqs.flatMap((r) => r.clusters))) {
      try {
        const o = await observe(await clientsOf(db, cluster), d.namespace, d.name);
        pods.running += o.running; pods.error += o.error; pods.total += o.total;
      } catch (err) {
        if (!(err instanceof PierError)) throw err;
        read = false; // an unreachable cluster keeps the last counts rather than showing zero
      }
    }
    // Only while still settled: a request opened meanwhile owns the counts.
    if (read) await db.update(deployments).set({ pods }).where(and(eq(deployments.id, d.id), settled));
  }
  return rows.length ? rows[rows.length - 1].seq : 0;
}
