'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import type { Me } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { LanguageToggle } from '@/components/language-toggle';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { useAppearance } from './use-appearance';

export function UserMenu({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { theme, changeTheme, changeLocale } = useAppearance();

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  const shown = me.displayName || me.name;
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-label={t('shell.userMenu')}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-md py-1 pr-1.5 pl-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span className="flex size-7 items-center justify-center rounded-full bg-sky-700 text-xs font-semibold text-white uppercase dark:bg-sky-600">
          {me.name.slice(0, 1)}
        </span>
        <span className="hidden max-w-[10rem] truncate font-medium text-slate-800 sm:inline dark:text-slate-200">{me.name}</span>
        <Icon name="chevronDown" className="size-4 text-slate-500" />
      </button>
      {open ? (
        <div className="absolute right-0 z-30 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <div className="border-b border-slate-200 px-2 pt-1 pb-3 dark:border-slate-800">
            <p className="truncate text-sm font-semibold text-slate-900 dark:text-slate-100">{shown}</p>
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">
              {t('shell.signedInAs', { name: me.name })} · {t(`roles.${me.role}`)}
            </p>
          </div>
          <div className="border-b border-slate-200 px-2 py-3 dark:border-slate-800">
            <p className="mb-2 text-xs font-medium text-slate-500 dark:text-slate-400">{t('common.theme')}</p>
            <ThemeToggle value={theme} onChange={changeTheme} />
            {/* The header's language toggle is hidden on narrow screens. */}
            <div className="mt-3 sm:hidden">
              <LanguageToggle onChange={changeLocale} />
            </div>
          </div>
          <div className="pt-1">
            <Link
              href="/profile"
              onClick={() => setOpen(false)}
              className="flex items-center gap-2 rounded-md px-2 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              <Icon name="profile" className="size-4 text-slate-500" />
              {t('nav.profile')}
            </Link>
            <button
              type="button"
              onClick={onSignOut}
              className="flex w-full items-center gap-2 rounded-md px-2 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              <Icon name="signOut" className="size-4 text-slate-500" />
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
