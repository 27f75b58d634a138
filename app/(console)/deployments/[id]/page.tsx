import { titled } from '../../_server/page-title';
import { DeploymentPage } from './deployment-page';

export const generateMetadata = titled('nav.deployments');

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeploymentPage id={Number(id)} />;
}
