import type { Ctx } from '@/lib/context';
import { DEFAULT_CLUSTER } from '@/lib/cluster/namespaces/current';
import { visibleClusters } from '@/lib/cluster/namespaces/clusters';
import { listConsolePods } from './list';
import { dashboardPodQuery, parseDashboardUrl, type UrlParams } from './dashboard-url';
import { FIRST_PAGE, podListQuery, type PodList, type PodQuery } from './schema';
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

/**
 * The dashboard's first view for these URL parameters (read by
 * parseDashboardUrl, as the browser reads them). The namespace is the URL's, else the
 * caller's current one; a default that depends on the browser's chosen
 * project is left to the browser (query null). Errors (a bad filter, an
 * unreachable cluster) are the browser's to show: they give no list here.
 */
export async function dashboardFirstView(ctx: Ctx, p: UrlParams): Promise<DashboardFirstView | null> {
  const url = parseDashboardUrl(p);
  const clusters = await visibleClusters(ctx);
  const cluster = url.cluster ?? (clusters.find((c) => c.name === DEFAULT_CLUSTER) ?? clusters[0])?.name;
  if (!cluster) return null;
  const now = ctx.clock.now().getTime();
  const choices = await podScopeChoices(ctx, cluster).catch(() => null);
  const query = dashboardPodQuery(url, url.namespace ?? choices?.current ?? undefined);
  if (!query) return { cluster, choices, query: null, list: null, now };
  const parsed = podListQuery.safeParse({ ...query, limit: FIRST_PAGE });
  if (!parsed.success) return { cluster, choices, query: null, list: null, now };
  const list = await listConsolePods(ctx, cluster, parsed.data).catch(() => null);
  return { cluster, choices, query: list ? query : null, list, now };
}
