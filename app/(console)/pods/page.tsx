import { Suspense } from 'react';
import { headers } from 'next/headers';
import { PodsDashboard } from '@/components/pods/dashboard';
import { systemClock } from '@/lib/context';
import { authenticate } from '@/lib/http/credentials';
import { getStore } from '@/lib/http/store';
import { dashboardFirstView, type DashboardFirstView } from '@/lib/pods-console/first-view';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.pods');

/**
 * How long the page waits for its first rows before it renders without them
 * (the browser then asks, as it did before): a cold pod cache (Pier's first
 * read of a large cluster) must not hold the whole page back.
 */
const FIRST_VIEW_BUDGET_MS = 1000;

async function firstView(params: Record<string, string | string[] | undefined>): Promise<DashboardFirstView | null> {
  const { db } = await getStore();
  const user = await authenticate(db, await headers(), systemClock.now());
  if (!user) return null;
  const work = dashboardFirstView({ db, user, clock: systemClock, source: 'console' }, params).catch(() => null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FIRST_VIEW_BUDGET_MS)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = await firstView(await searchParams);
  // The dashboard reads its filters from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense>
      <PodsDashboard initial={initial} />
    </Suspense>
  );
}
