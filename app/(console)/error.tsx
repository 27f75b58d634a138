'use client';

import { useT } from '@/lib/i18n/react';
import { ErrorState } from '@/components/ui/states';

/** A page that threw while rendering: say so in place, keep the shell, offer a retry. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  return <ErrorState title={t('common.errorTitle')} message={error.digest ? `${error.message} (${error.digest})` : error.message} retry={{ label: t('common.retry'), onClick: reset }} />;
}
