'use client';

import Link from 'next/link';
import { useState } from 'react';
import { CurrentProjectProvider } from '@/lib/client/current-project';
import { isAdminRole, useMe, type Me } from '@/lib/client/use-me';
import { useSignOut } from '@/lib/client/use-session';
import { useI18n } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { LanguageToggle } from '@/components/language-toggle';
import { ProjectSwitcher } from './project-switcher';
import { Sidebar } from './sidebar';
import { useAppearance } from './use-appearance';
import { UserMenu } from './user-menu';

function Brand() {
  const { t } = useI18n();
  return (
    <Link href="/" className="flex items-center gap-2.5 px-2">
      <span className="flex size-8 items-center justify-center rounded-lg bg-sky-700 text-white dark:bg-sky-600">
        <Icon name="anchor" className="size-5" />
      </span>
      <span className="text-lg font-semibold tracking-tight text-slate-900 dark:text-slate-50">{t('common.appName')}</span>
    </Link>
  );
}

export function ConsoleShell({ me: initialMe, initialProject, children }: { me: Me; initialProject: string | null; children: React.ReactNode }) {
  const { t } = useI18n();
  const me = useMe(initialMe).data ?? initialMe;
  const [menuOpen, setMenuOpen] = useState(false);
  const signOut = useSignOut();
  const { changeLocale } = useAppearance();
  const leave = () => signOut.mutate();
  const admin = isAdminRole(me.role);

  return (
    <CurrentProjectProvider initial={initialProject}>
      <div className="min-h-screen lg:pl-64">
        <aside className="fixed inset-y-0 left-0 z-20 hidden w-64 flex-col border-r border-slate-200 bg-white lg:flex dark:border-slate-800 dark:bg-slate-900">
          <div className="flex h-14 shrink-0 items-center border-b border-slate-200 px-3 dark:border-slate-800">
            <Brand />
          </div>
          <Sidebar isAdmin={admin} onSignOut={leave} />
        </aside>
        {menuOpen ? (
          <div className="fixed inset-0 z-40 lg:hidden">
            <div className="absolute inset-0 bg-slate-950/50" onClick={() => setMenuOpen(false)} aria-hidden="true" />
            <aside className="absolute inset-y-0 left-0 flex w-72 max-w-[85%] flex-col bg-white dark:bg-slate-900">
              <div className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 px-3 dark:border-slate-800">
                <Brand />
                <button type="button" aria-label={t('nav.closeMenu')} onClick={() => setMenuOpen(false)} className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800">
                  <Icon name="close" />
                </button>
              </div>
              <Sidebar isAdmin={admin} onSignOut={leave} onNavigate={() => setMenuOpen(false)} />
            </aside>
          </div>
        ) : null}
        <header className="sticky top-0 z-10 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6 dark:border-slate-800 dark:bg-slate-900/90">
          <button type="button" aria-label={t('nav.openMenu')} onClick={() => setMenuOpen(true)} className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 lg:hidden dark:text-slate-300 dark:hover:bg-slate-800">
            <Icon name="menu" />
          </button>
          <ProjectSwitcher />
          <div className="ml-auto flex items-center gap-3">
            <div className="hidden sm:block">
              <LanguageToggle onChange={changeLocale} />
            </div>
            <UserMenu me={me} onSignOut={leave} />
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">{children}</main>
      </div>
    </CurrentProjectProvider>
  );
}
