import { titled } from '../../_server/page-title';
import { AppPage } from './app-page';

export const generateMetadata = titled('apps.title');

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <AppPage name={decodeURIComponent(name)} />;
}
