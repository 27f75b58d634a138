import { Badge } from '@/components/ui/table';

export function LabelList({ labels, empty }: { labels: Record<string, string>; empty: string }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-slate-400 dark:text-slate-500">{empty}</span>;
  return (
    <div className="flex max-w-md flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <Badge key={k}>
          <span className="font-mono text-[11px]">{v ? `${k}=${v}` : k}</span>
        </Badge>
      ))}
    </div>
  );
}
