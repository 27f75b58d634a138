'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { POD_GROUPS, type PodGroup } from '@/lib/pods-console/schema';

export type Scope = 'namespace' | 'cluster' | 'node';

/** The dashboard's state, all of it in the URL so a view can be shared, reloaded and linked to (a node page links `?node=`). */
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

const KEYS = ['cluster', 'scope', 'namespace', 'node', 'group', 'status', 'workload', 'label', 'q'] as const;

export function useDashboardUrl(): [DashboardUrl, (patch: Partial<DashboardUrl>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const state = useMemo<DashboardUrl>(() => {
    const get = (k: string) => params.get(k) || undefined;
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
  }, [params]);
  const update = useCallback((patch: Partial<DashboardUrl>) => {
    const next = new URLSearchParams(params.toString());
    for (const k of KEYS) {
      if (!(k in patch)) continue;
      const v = patch[k];
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    // The native history call, which Next.js's router follows (useSearchParams updates at
    // once): a filter change is not a navigation. router.replace asked the server to render
    // the page again for every keystroke, and while that was pending the next change was
    // built on the old URL, so a cleared filter could come back.
    window.history.replaceState(null, '', s ? `${pathname}?${s}` : pathname);
  }, [params, pathname]);
  return [state, update];
}
