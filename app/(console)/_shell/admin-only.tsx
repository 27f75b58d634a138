'use client';

import { isAdminRole, useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { ErrorState } from '@/components/ui/states';

/** Pages for administrators; the API refuses the rest anyway, this just says so plainly. */
export function AdminOnly({ children }: { children: React.ReactNode }) {
  const t = useT();
  const me = useMe().data;
  if (me && !isAdminRole(me.role)) return <ErrorState title={t('common.forbidden')} message={t('common.adminsOnly')} />;
  return <>{children}</>;
}
