'use client';

import { lineDiff } from './line-diff';

/** A unified line diff of two YAML texts, with line numbers; unchanged runs longer than 6 lines fold to their ends. */
export function DiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const lines = lineDiff(before, after);
  const rows: ({ kind: 'line'; i: number } | { kind: 'fold'; n: number })[] = [];
  const CONTEXT = 3;
  const near = (i: number) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.op !== ' ');
  let folded = 0;
  lines.forEach((l, i) => {
    if (l.op === ' ' && !near(i) && lines.some((x) => x.op !== ' ')) {
      folded++;
      return;
    }
    if (folded) rows.push({ kind: 'fold', n: folded });
    folded = 0;
    rows.push({ kind: 'line', i });
  });
  if (folded) rows.push({ kind: 'fold', n: folded });
  const tone = { ' ': '', '-': 'bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200', '+': 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200' };
  return (
    <div role="region" aria-label={label} data-testid="yaml-diff" className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-white font-mono text-xs dark:border-slate-800 dark:bg-slate-950">
      <table className="w-full border-collapse">
        <tbody>
          {rows.map((r, k) => r.kind === 'fold' ? (
            <tr key={`f${k}`} className="bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-400"><td colSpan={4} className="px-3 py-0.5">⋯ {r.n}</td></tr>
          ) : (
            <tr key={r.i} data-op={lines[r.i].op === '+' ? 'add' : lines[r.i].op === '-' ? 'del' : 'same'} className={tone[lines[r.i].op]}>
              <td className="w-10 select-none px-2 text-right text-slate-400">{lines[r.i].old ?? ''}</td>
              <td className="w-10 select-none px-2 text-right text-slate-400">{lines[r.i].new ?? ''}</td>
              <td className="w-4 select-none text-center">{lines[r.i].op}</td>
              <td className="whitespace-pre px-2">{lines[r.i].text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
