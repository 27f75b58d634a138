import { ApplicationsList } from '@/components/workloads/applications/applications-list';
import { titled } from '../../_server/page-title';

export const generateMetadata = titled('ecnsApps.title');

export default function Page() {
  return <ApplicationsList />;
}
