import { titled } from '../../_server/page-title';
import { NodesPage } from './nodes-page';

export const generateMetadata = titled('clusters.nodes');

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <NodesPage cluster={decodeURIComponent(name)} />;
}
