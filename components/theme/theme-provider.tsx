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

  // Also re-applied after every commit of <html>, whose className the server renders.
  useEffect(() => {
    applyTheme(current);
    if (current !== 'system') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [current]);

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
