'use client';

import { useEffect, useRef, useState } from 'react';
import { Input } from '@/components/ui/field';

/**
 * A labelled text filter that starts from the URL's value and reports its
 * trimmed value after typing pauses (so the list is asked once per filter).
 */
export function FilterInput({ id, label, value, placeholder, onChange, delay = 400, className = '' }: {
  id: string; label: string; value: string; placeholder?: string; onChange: (v: string) => void; delay?: number; className?: string;
}) {
  const [text, setText] = useState(value);
  const report = useRef(onChange);
  useEffect(() => {
    report.current = onChange;
  }, [onChange]);
  // The URL changed from elsewhere (clear filters, back button): show it.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => {
    const v = text.trim();
    if (v === value) return;
    const timer = setTimeout(() => report.current(v), delay);
    return () => clearTimeout(timer);
  }, [text, value, delay]);
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600 dark:text-slate-400">{label}</label>
      <Input id={id} type="search" autoComplete="off" spellCheck={false} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />
    </div>
  );
}
