/**
 * The pod dashboard's state as its URL holds it (client-safe, pure): read
 * the same way by the server, which renders the first view
 * (first-view.ts), and by the browser (components/pods/use-dashboard-url.ts),
 * so both ask for the same list.
 */
import { POD_GROUPS, type PodGroup, type PodQuery } from './schema';

export type Scope = 'namespace' | 'cluster' | 'node';

export interface DashboardUrl {
  cluster?: string;
  scope: Scope;
  namespace?: string;
  node?: string;
  group?: PodGroup;
  status?: string;
  workload?: string;
  label?: string;
  q?: string;
}

export const DASHBOARD_URL_KEYS = ['cluster', 'scope', 'namespace', 'node', 'group', 'status', 'workload', 'label', 'q'] as const;

/** Next.js's `searchParams` on the server; URLSearchParams (or Next's read-only one) in the browser. */
export type UrlParams = Pick<URLSearchParams, 'get'> | Record<string, string | string[] | undefined>;

function reader(params: UrlParams): (key: string) => string | undefined {
  if (typeof params.get === 'function') {
    const p = params as Pick<URLSearchParams, 'get'>;
    return (k) => p.get(k) || undefined;
  }
  const record = params as Record<string, string | string[] | undefined>;
  return (k) => {
    const v = record[k];
    return (Array.isArray(v) ? v[0] : v) || undefined;
  };
}

/**
 * The rules: an empty value is no value; a repeated parameter counts once
 * (its first value); `node` alone selects the node scope (a node page links
 * `?node=`); `scope` is `cluster` or `node`, anything else is the namespace
 * scope; a `group` other than running/failed/other is dropped. The other
 * filters are taken as written: the list validates them and says what is wrong.
 */
export function parseDashboardUrl(params: UrlParams): DashboardUrl {
  const get = reader(params);
  const node = get('node');
  const scope = get('scope');
  const group = get('group');
  return {
    cluster: get('cluster'),
    scope: node || scope === 'node' ? 'node' : scope === 'cluster' ? 'cluster' : 'namespace',
    namespace: get('namespace'),
    node,
    group: POD_GROUPS.includes(group as PodGroup) ? (group as PodGroup) : undefined,
    status: get('status'),
    workload: get('workload'),
    label: get('label'),
    q: get('q'),
  };
}

/**
 * The list query of this state, given the namespace the dashboard settled on
 * (the URL's or a default); null while the scope lacks what it needs (the
 * namespace scope without a namespace, the node scope without a node).
 */
export function dashboardPodQuery(url: DashboardUrl, namespace: string | undefined): PodQuery | null {
  const ns = url.scope === 'namespace' ? namespace : undefined;
  const node = url.scope === 'node' ? url.node : undefined;
  if ((url.scope === 'namespace' && !ns) || (url.scope === 'node' && !node)) return null;
  return { namespace: ns, node, group: url.group, status: url.status, workload: url.workload, label: url.label, q: url.q };
}
