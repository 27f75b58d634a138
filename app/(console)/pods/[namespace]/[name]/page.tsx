import { PodPage } from '@/components/pods/pod-page';
import { titled } from '../../../_server/page-title';

export const generateMetadata = titled('nav.pods');

/** `/pods/<namespace>/<name>?cluster=<cluster>`: the cluster is a query parameter (default `local`), so links that know only namespace and name work. */
export default async function Page({ params, searchParams }: { params: Promise<{ namespace: string; name: string }>; searchParams: Promise<{ cluster?: string }> }) {
  const { namespace, name } = await params;
  const { cluster } = await searchParams;
  return <PodPage cluster={cluster || 'local'} namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} />;
}
