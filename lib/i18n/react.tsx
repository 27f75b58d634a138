'use client';

import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { htmlLang, LOCALE_COOKIE, translator, type Locale, type Translate } from './index';

interface I18n {
  locale: Locale;
  t: Translate;
  /** Applies a language at once in this page and remembers it in this browser (the caller saves it for the user). */
  setLocale: (l: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** Remembered for the sign-in page and for users without a saved choice. */
export function rememberLocale(l: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${l}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** "Follow the browser" again. */
export function forgetLocale() {
  document.cookie = `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}

export function I18nProvider({ locale: initial, children }: { locale: Locale; children: React.ReactNode }) {
  // The server's choice wins whenever it changes (e.g. after router.refresh()).
  const [state, setState] = useState({ server: initial, current: initial });
  const current = state.server === initial ? state.current : initial;
  if (state.server !== initial) setState({ server: initial, current: initial });

  const setLocale = useCallback((l: Locale) => {
    document.documentElement.lang = htmlLang(l);
    rememberLocale(l);
    setState((s) => ({ ...s, current: l }));
  }, []);
  const value = useMemo(() => ({ locale: current, t: translator(current), setLocale }), [current, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): Translate {
  return useI18n().t;
}
