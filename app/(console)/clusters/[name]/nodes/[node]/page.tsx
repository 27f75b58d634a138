import { titled } from '../../../../_server/page-title';
import { NodePage } from './node-page';

export const generateMetadata = titled('clusters.nodes');

export default async function Page({ params }: { params: Promise<{ name: string; node: string }> }) {
  const { name, node } = await params;
  return <NodePage cluster={decodeURIComponent(name)} node={decodeURIComponent(node)} />;
}
