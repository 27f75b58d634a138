import { Badge } from '@/components/ui/table';

export function LabelList({ labels, empty, className = 'max-w-md' }: { labels: Record<string, string>; empty: string; className?: string }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-slate-400 dark:text-slate-500">{empty}</span>;
  return (
    <div className={`flex flex-wrap gap-1 ${className}`}>
      {entries.map(([k, v]) => (
        <Badge key={k}>
          <span className="font-mono text-[11px] break-all">{v ? `${k}=${v}` : k}</span>
        </Badge>
      ))}
    </div>
  );
}
