'use client';

import { ApiError } from '@/lib/client/api';
import { useT } from '@/lib/i18n/react';
import { ErrorState, LoadingState, Notice } from './states';

/** The text for an API error in the reader's language when it has none of its own (network). */
export function useErrorText() {
  const t = useT();
  return (err: unknown): string => {
    if (err instanceof ApiError) return err.status === 0 ? t('common.networkError') : err.message;
    return err instanceof Error ? err.message : String(err);
  };
}

/** Loading and error states for a react-query result; renders children only with data. */
export function QueryState({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown; data?: unknown };
  children: React.ReactNode;
}) {
  const t = useT();
  const text = useErrorText();
  // A refetch that fails after a good answer keeps the page (and whatever the
  // reader was doing in it) and says so above it, instead of replacing it.
  if (query.error && query.data !== undefined && !(query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404))) {
    return (
      <>
        <div className="mb-3"><Notice>{t('common.staleError', { message: text(query.error) })}</Notice></div>
        {children}
      </>
    );
  }
  if (query.error) {
    const forbidden = query.error instanceof ApiError && query.error.status === 403;
    return (
      <ErrorState
        title={forbidden ? t('common.forbidden') : t('common.errorTitle')}
        message={text(query.error)}
        retry={forbidden ? undefined : { label: t('common.retry'), onClick: () => void query.refetch() }}
      />
    );
  }
  if (query.isPending) return <LoadingState label={t('common.loading')} />;
  return <>{children}</>;
}

/** The form-level error that react-hook-form keeps in errors.root.server. */
export function FormError({ message }: { message?: string }) {
  const t = useT();
  if (!message) return null;
  return <Notice>{message === 'network' ? t('common.networkError') : message}</Notice>;
}
