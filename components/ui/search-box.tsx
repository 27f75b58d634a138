'use client';

import { useEffect, useRef, useState } from 'react';
import { Input } from './field';

/**
 * A labelled search input that reports its trimmed value after typing pauses,
 * so a paged list asks the server once per search, not once per key.
 */
export function SearchBox({ id, label, onSearch, delay = 300 }: { id: string; label: string; onSearch: (q: string) => void; delay?: number }) {
  const [value, setValue] = useState('');
  const last = useRef('');
  const report = useRef(onSearch);
  useEffect(() => {
    report.current = onSearch;
  }, [onSearch]);
  useEffect(() => {
    const q = value.trim();
    if (q === last.current) return;
    const timer = setTimeout(() => {
      last.current = q;
      report.current(q);
    }, delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <Input id={id} type="search" autoComplete="off" className="w-64! max-w-full" value={value} onChange={(e) => setValue(e.target.value)} />
    </div>
  );
}
