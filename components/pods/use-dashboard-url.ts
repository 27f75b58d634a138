'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { DASHBOARD_URL_KEYS, parseDashboardUrl, type DashboardUrl } from '@/lib/pods-console/dashboard-url';

export type { DashboardUrl, Scope } from '@/lib/pods-console/dashboard-url';

/** The dashboard's state, all of it in the URL so a view can be shared, reloaded and linked to (a node page links `?node=`). */
export function useDashboardUrl(): [DashboardUrl, (patch: Partial<DashboardUrl>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseDashboardUrl(params), [params]);
  const update = useCallback((patch: Partial<DashboardUrl>) => {
    // Built on the live URL, not on the params of the last render: two filters whose
    // pauses end together both apply before React renders again, and the second must
    // not bring back what the first just cleared.
    const next = new URLSearchParams(window.location.search);
    for (const k of DASHBOARD_URL_KEYS) {
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
  }, [pathname]);
  return [state, update];
}
