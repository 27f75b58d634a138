import { Suspense } from 'react';
import { PodsDashboard } from '@/components/pods/dashboard';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.pods');

export default function Page() {
  // The dashboard reads its filters from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense>
      <PodsDashboard />
    </Suspense>
  );
}
