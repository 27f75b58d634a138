import { titled } from '../../../_server/page-title';
import { RepositoriesPage } from './repositories-page';

export const generateMetadata = titled('images.repositories.title');

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  return <RepositoriesPage workspace={decodeURIComponent(workspace)} />;
}
