import { notFound } from 'next/navigation';
import { kindOfSegment } from '@/components/workloads/kinds';
import { WorkloadPage } from '@/components/workloads/workload-page';
import { titled } from '../../../_server/page-title';

export const generateMetadata = titled('workloads.title');

export default async function Page({ params }: { params: Promise<{ kind: string; name: string }> }) {
  const { kind, name } = await params;
  const type = kindOfSegment(kind);
  if (!type) notFound();
  return <WorkloadPage type={type} name={decodeURIComponent(name)} />;
}
