import { ApplicationPage } from '@/components/workloads/applications/application-page';
import { titled } from '../../../_server/page-title';

export const generateMetadata = titled('ecnsApps.title');

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ApplicationPage name={decodeURIComponent(name)} />;
}
