'use client';

/** A row of tabs (ARIA tablist); the caller renders the chosen panel. */
export function Tabs({ label, value, items, onChange }: { label: string; value: string; items: Array<{ value: string; label: string }>; onChange: (v: string) => void }) {
  return (
    <div role="tablist" aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
      {items.map((it) => {
        const on = it.value === value;
        return (
          <button
            key={it.value}
            type="button"
            role="tab"
            aria-selected={on}
            onClick={() => onChange(it.value)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors ${on
              ? 'border-sky-600 text-sky-700 dark:border-sky-400 dark:text-sky-300'
              : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-200'}`}
          >
            {it.label}
          </button>
        );
      })}
    </div>
  );
}
