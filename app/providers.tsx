'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nProvider } from '@/lib/i18n/react';
import type { Locale } from '@/lib/i18n';
import { ThemeProvider } from '@/components/theme/theme-provider';
import type { ThemeChoice } from '@/components/theme/theme';

function newQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again.
        retry: (n, err) => {
          const status = (err as { status?: number }).status ?? 0;
          return (status === 0 || status >= 500) && n < 2;
        },
      },
    },
  });
}

export function Providers({ locale, theme, children }: { locale: Locale; theme: ThemeChoice; children: React.ReactNode }) {
  const [client] = useState(newQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider locale={locale}>
        <ThemeProvider theme={theme}>{children}</ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
