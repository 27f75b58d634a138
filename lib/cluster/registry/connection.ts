import type { Ctx } from '@/lib/context';
import { PierError } from '@/lib/errors';
import type { ClusterConnection } from '@/lib/dialects/pier/clusters';
import { clientsFor } from '@/lib/cluster/adapter/connect';
import { cachedList } from '@/lib/cluster/adapter/cache';
import { kube } from '@/lib/cluster/adapter/errors';
import { requireCluster } from './scope';

/**
 * Tests a cluster: its version from /version and its node count (from the
 * watch-fed node cache, which this also warms). A failure is an answer
 * (ok: false, with the reason), not an error of this request.
 */
export async function testConnection(ctx: Ctx, name: string): Promise<ClusterConnection> {
  const row = await requireCluster(ctx, name);
  try {
    const c = await clientsFor(ctx.db, row, ctx.clock.now());
    const version = await kube(() => c.objects.send<{ gitVersion?: string; platform?: string }>('GET', '/version'));
    const nodes = await cachedList(c, 'nodes');
    return { ok: true, gitVersion: version.gitVersion ?? '', platform: version.platform ?? '', nodeCount: nodes.items.length };
  } catch (err) {
    if (err instanceof PierError) return { ok: false, error: { reason: err.reason, message: err.message } };
    return { ok: false, error: { reason: 'cluster_unavailable', message: (err as Error).message } };
  }
}
