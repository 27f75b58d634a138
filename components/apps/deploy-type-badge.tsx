import { Badge } from '@/components/ui/table';

/** deployment, daemonset or chart: the three kinds a version may be. */
export function DeployTypeBadge({ type }: { type: string }) {
  const tone = type === 'daemonset' ? 'violet' : type === 'chart' ? 'amber' : 'sky';
  return <Badge tone={tone}>{type}</Badge>;
}
