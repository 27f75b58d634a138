'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Icon } from '@/components/icons';
import { useT } from '@/lib/i18n/react';
import { PendingBadge } from '@/components/audit/pending-badge';
import { adminNav, isActive, projectNav, type NavItem } from './nav';

function NavLink({ item, onNavigate, extra }: { item: NavItem; onNavigate?: () => void; extra?: React.ReactNode }) {
  const t = useT();
  const active = isActive(usePathname(), item.href);
  return (
    <li>
      <Link
        href={item.href}
        onClick={onNavigate}
        aria-current={active ? 'page' : undefined}
        className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ${
          active
            ? 'bg-sky-50 text-sky-800 dark:bg-sky-950/60 dark:text-sky-200'
            : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-slate-100'
        }`}
      >
        <Icon name={item.icon} className={`size-5 shrink-0 ${active ? 'text-sky-700 dark:text-sky-300' : 'text-slate-400 dark:text-slate-500'}`} />
        <span className="truncate">{t(item.label)}</span>
        {extra}
      </Link>
    </li>
  );
}

export function Sidebar({ isAdmin, onNavigate, onSignOut }: { isAdmin: boolean; onNavigate?: () => void; onSignOut: () => void }) {
  const t = useT();
  return (
    <nav aria-label={t('nav.main')} className="flex h-full flex-col gap-6 overflow-y-auto px-3 py-4">
      <ul className="space-y-0.5">
        {projectNav.map((item) => (
          <NavLink key={item.href} item={item} onNavigate={onNavigate} extra={isAdmin && item.href === '/audit' ? <PendingBadge /> : null} />
        ))}
      </ul>
      {isAdmin ? (
        <div>
          <p className="px-3 pb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{t('nav.admin')}</p>
          <ul className="space-y-0.5">
            {adminNav.map((item) => (
              <NavLink key={item.href} item={item} onNavigate={onNavigate} />
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="mt-auto space-y-0.5 border-t border-slate-200 pt-4 dark:border-slate-800">
        <NavLink item={{ href: '/profile', label: 'nav.profile', icon: 'profile' }} onNavigate={onNavigate} />
        <li>
          <button
            type="button"
            onClick={onSignOut}
            className="flex w-full items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-slate-100"
          >
            <Icon name="signOut" className="size-5 shrink-0 text-slate-400 dark:text-slate-500" />
            {t('nav.signOut')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
