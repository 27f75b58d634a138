'use client';

import { useRouter } from 'next/navigation';
import { useUpdatePrefs } from '@/lib/client/use-me';
import type { Locale } from '@/lib/i18n';
import { forgetLocale, useI18n } from '@/lib/i18n/react';
import { useTheme } from '@/components/theme/theme-provider';
import type { ThemeChoice } from '@/components/theme/theme';

/** Language and theme: applied at once, then saved for the user (PATCH /api/pier/me). */
export function useAppearance() {
  const { setLocale } = useI18n();
  const { theme, setTheme } = useTheme();
  const prefs = useUpdatePrefs();
  const router = useRouter();
  // The server renders <html lang>, the theme class and page titles: refresh them too.
  const saved = { onSuccess: () => router.refresh() };
  return {
    theme,
    changeLocale(l: Locale | null) {
      if (l) setLocale(l);
      else forgetLocale();
      prefs.mutate({ locale: l }, saved);
    },
    changeTheme(choice: ThemeChoice) {
      setTheme(choice);
      prefs.mutate({ theme: choice }, saved);
    },
    error: prefs.error,
  };
}
