import { WorkloadsList } from '@/components/workloads/workloads-list';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('workloads.title');

export default function Page() {
  return <WorkloadsList />;
}
