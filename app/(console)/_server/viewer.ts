import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { getMe, type Me } from '@/lib/auth/account';
import { systemClock } from '@/lib/context';
import { authenticate } from '@/lib/http/credentials';
import { getStore } from '@/lib/http/store';
import { resolveLocale, type Locale } from '@/lib/i18n';
import { LOCALE_COOKIE } from '@/lib/i18n/locale';
import { isThemeChoice, THEME_COOKIE, type ThemeChoice } from '@/components/theme/theme';

/** The signed-in user of this request, or null; memoized per request. */
export const getViewer = cache(async (): Promise<Me | null> => {
  const { db } = await getStore();
  const caller = await authenticate(db, await headers(), systemClock.now());
  if (!caller) return null;
  return getMe({ db, user: caller, clock: systemClock, source: 'console' });
});

/** Language and theme for this request: the user's saved choice, else this browser's, else defaults. */
export const getAppearance = cache(async (): Promise<{ locale: Locale; theme: ThemeChoice; viewer: Me | null }> => {
  const [viewer, h, jar] = await Promise.all([getViewer(), headers(), cookies()]);
  const locale = resolveLocale({
    saved: viewer?.locale,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: h.get('accept-language'),
  });
  const cookieTheme = jar.get(THEME_COOKIE)?.value;
  const theme = isThemeChoice(viewer?.theme) ? viewer.theme : isThemeChoice(cookieTheme) ? cookieTheme : 'system';
  return { locale, theme, viewer };
});
