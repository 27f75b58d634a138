import { Badge } from '@/components/ui/table';
import { statusTone } from './format';

export function PodStatusBadge({ status, group }: { status: string; group?: 'running' | 'failed' | 'other' }) {
  return <Badge tone={statusTone(status, group)}>{status}</Badge>;
}
