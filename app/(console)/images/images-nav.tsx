'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { isAdminRole, useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';

/** Tabs across the image pages: workspaces, third-party registries and (admins) storage. */
export function ImagesNav() {
  const t = useT();
  const path = usePathname();
  const me = useMe().data;
  const tabs = [
    { href: '/images', label: t('images.nav.workspaces'), active: path === '/images' || path.startsWith('/images/ws') },
    { href: '/images/registries', label: t('images.nav.registries'), active: path.startsWith('/images/registries') },
    ...(isAdminRole(me?.role) ? [{ href: '/images/storage', label: t('images.nav.storage'), active: path.startsWith('/images/storage') }] : []),
  ];
  return (
    <nav aria-label={t('images.nav.label')} className="mb-5 flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.active ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
            tab.active
              ? 'border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-300'
              : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
          }`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
