import type { Ctx } from '@/lib/context';
import { DEFAULT_CLUSTER } from '@/lib/cluster/namespaces/current';
import { visibleClusters } from '@/lib/cluster/namespaces/clusters';
import { listConsolePods } from './list';
import { FIRST_PAGE, POD_GROUPS, podListQuery, type PodGroup, type PodList, type PodQuery } from './schema';
import { podScopeChoices } from './scope';

/**
 * What the dashboard shows first, resolved on the server while it renders
 * the page, so the first rows are in the HTML instead of behind three
 * requests the browser makes one after the other (clusters, scope
 * choices, first page) once the page's script has run.
 */
export interface DashboardFirstView {
  /** The cluster the dashboard shows when the URL names none (`local` when visible, else the first). */
  cluster: string;
  choices: { namespaces: string[]; current: string | null } | null;
  /** The query the list answers, built from the URL as the dashboard builds it; null when the server could not tell. */
  query: PodQuery | null;
  list: PodList | null;
  /** The server's clock for the ages in the first render (the browser's first render must print the same). */
  now: number;
}

type Params = Record<string, string | string[] | undefined>;

const one = (p: Params, k: string) => {
  const v = p[k];
  return (Array.isArray(v) ? v[0] : v) || undefined;
};

/**
 * The dashboard's first view for these URL parameters (use-dashboard-url.ts
 * reads the same ones the same way). The namespace is the URL's, else the
 * caller's current one; a default that depends on the browser's chosen
 * project is left to the browser (query null). Errors (a bad filter, an
 * unreachable cluster) are the browser's to show: they give no list here.
 */
export async function dashboardFirstView(ctx: Ctx, p: Params): Promise<DashboardFirstView | null> {
  const clusters = await visibleClusters(ctx);
  const cluster = one(p, 'cluster') ?? (clusters.find((c) => c.name === DEFAULT_CLUSTER) ?? clusters[0])?.name;
  if (!cluster) return null;
  const now = ctx.clock.now().getTime();
  const choices = await podScopeChoices(ctx, cluster).catch(() => null);
  const node = one(p, 'node');
  const scope = node || one(p, 'scope') === 'node' ? 'node' : one(p, 'scope') === 'cluster' ? 'cluster' : 'namespace';
  const namespace = scope === 'namespace' ? one(p, 'namespace') ?? choices?.current ?? undefined : undefined;
  const group = one(p, 'group');
  const query: PodQuery = {
    namespace, node: scope === 'node' ? node : undefined,
    group: POD_GROUPS.includes(group as PodGroup) ? (group as PodGroup) : undefined,
    status: one(p, 'status'), workload: one(p, 'workload'), label: one(p, 'label'), q: one(p, 'q'),
  };
  const ready = scope === 'cluster' || (scope === 'namespace' && !!namespace) || (scope === 'node' && !!node);
  if (!ready) return { cluster, choices, query: null, list: null, now };
  const parsed = podListQuery.safeParse({ ...query, limit: FIRST_PAGE });
  if (!parsed.success) return { cluster, choices, query: null, list: null, now };
  const list = await listConsolePods(ctx, cluster, parsed.data).catch(() => null);
  return { cluster, choices, query: list ? query : null, list, now };
}
