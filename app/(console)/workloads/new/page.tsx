import { titled } from '../../_server/page-title';
import { WorkloadEditor } from '@/components/workloads/editor/workload-editor';

export const generateMetadata = titled('wle.titleNew');

export default function Page() {
  return <WorkloadEditor target={{ mode: 'create' }} />;
}
