import { titled } from '../../../../_server/page-title';
import { TagsPage } from './tags-page';

export const generateMetadata = titled('images.tags.title');

export default async function Page({ params }: { params: Promise<{ workspace: string; repo: string[] }> }) {
  const { workspace, repo } = await params;
  return <TagsPage workspace={decodeURIComponent(workspace)} repository={repo.map(decodeURIComponent).join('/')} />;
}
