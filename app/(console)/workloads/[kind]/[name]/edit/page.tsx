import { notFound } from 'next/navigation';
import { titled } from '../../../../_server/page-title';
import { WorkloadEditor } from '@/components/workloads/editor/workload-editor';
import type { WorkloadType } from '@/lib/dialects/ecns/workloads';

export const generateMetadata = titled('wle.titleEditPage');

/** The URL's kind, in lower case as the workload pages write it. */
const KINDS: Record<string, WorkloadType> = { deployment: 'Deployment', statefulset: 'StatefulSet', daemonset: 'DaemonSet' };

export default async function Page({ params }: { params: Promise<{ kind: string; name: string }> }) {
  const { kind, name } = await params;
  const type = KINDS[kind];
  if (!type) notFound();
  return <WorkloadEditor target={{ mode: 'edit', type, name: decodeURIComponent(name) }} />;
}
