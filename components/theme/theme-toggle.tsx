'use client';

import { useT } from '@/lib/i18n/react';
import { Icon } from '../icons';
import type { ThemeChoice } from './theme';

const choices: { value: ThemeChoice; icon: 'sun' | 'moon' | 'monitor' }[] = [
  { value: 'light', icon: 'sun' },
  { value: 'dark', icon: 'moon' },
  { value: 'system', icon: 'monitor' },
];

export function ThemeToggle({ value, onChange }: { value: ThemeChoice; onChange: (t: ThemeChoice) => void }) {
  const t = useT();
  return (
    <div role="group" aria-label={t('common.theme')} className="inline-flex rounded-md border border-slate-200 bg-slate-50 p-0.5 dark:border-slate-700 dark:bg-slate-950">
      {choices.map((c) => (
        <button
          key={c.value}
          type="button"
          aria-pressed={value === c.value}
          onClick={() => onChange(c.value)}
          className={`inline-flex items-center gap-1.5 rounded px-2.5 py-1 text-xs font-medium transition-colors ${
            value === c.value
              ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-700 dark:text-white'
              : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
          }`}
        >
          <Icon name={c.icon} className="size-4" />
          {t(`themes.${c.value}`)}
        </button>
      ))}
    </div>
  );
}
