'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { applyTheme, rememberTheme, type ThemeChoice } from './theme';

interface ThemeState {
  theme: ThemeChoice;
  /** Applies at once in this page and remembers it for the sign-in page (the caller persists it for the user). */
  setTheme: (t: ThemeChoice) => void;
}

const ThemeContext = createContext<ThemeState | null>(null);

export function ThemeProvider({ theme: initial, children }: { theme: ThemeChoice; children: React.ReactNode }) {
  const [state, setState] = useState({ server: initial, current: initial });
  const current = state.server === initial ? state.current : initial;
  if (state.server !== initial) setState({ server: initial, current: initial });

  // Re-applied whenever the server's value changes too: a refresh re-renders <html>'s
  // className from it, which for "system" would drop a class set from the OS preference.
  useEffect(() => {
    applyTheme(current);
    if (current !== 'system') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [current, initial]);

  const setTheme = useCallback((t: ThemeChoice) => {
    applyTheme(t);
    rememberTheme(t);
    setState((s) => ({ ...s, current: t }));
  }, []);
  const value = useMemo(() => ({ theme: current, setTheme }), [current, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  const ctx = useContext(ThemeContext);
  if (!ctx) throw new Error('useTheme outside ThemeProvider');
  return ctx;
}
