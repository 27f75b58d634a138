'use client';

import type { Locale } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n/react';
import { Icon } from './icons';

const names: Record<Locale, string> = { en: 'English', zh: '中文' };

/** Two buttons, each named in its own language so anyone can find theirs. */
export function LanguageToggle({ onChange, disabled }: { onChange: (l: Locale) => void; disabled?: boolean }) {
  const { locale, t } = useI18n();
  return (
    <div role="group" aria-label={t('common.language')} className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white p-0.5 dark:border-slate-700 dark:bg-slate-900">
      <Icon name="language" className="mx-1 size-4 text-slate-500" />
      {(Object.keys(names) as Locale[]).map((l) => (
        <button
          key={l}
          type="button"
          lang={l === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={locale === l}
          disabled={disabled}
          onClick={() => l !== locale && onChange(l)}
          className={`rounded px-2 py-1 text-xs font-medium transition-colors ${
            locale === l
              ? 'bg-sky-700 text-white dark:bg-sky-600'
              : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
          }`}
        >
          {names[l]}
        </button>
      ))}
    </div>
  );
}
