import { titled } from '../../../_server/page-title';
import { VersionPage } from './version-page';

export const generateMetadata = titled('apps.title');

export default async function Page({ params }: { params: Promise<{ name: string; version: string }> }) {
  const { name, version } = await params;
  return <VersionPage name={decodeURIComponent(name)} version={decodeURIComponent(version)} />;
}
