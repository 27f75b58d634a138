/** Light, dark or follow the system; the class on <html> drives tailwind's `dark:` variant. */
export type ThemeChoice = 'light' | 'dark' | 'system';

export const THEME_COOKIE = 'pier_theme';

export function isThemeChoice(v: unknown): v is ThemeChoice {
  return v === 'light' || v === 'dark' || v === 'system';
}

/**
 * Runs before first paint for "system": the server cannot know the OS
 * preference, so this sets the class before anything is drawn.
 */
export const systemThemeScript = `(function(){try{var d=document.documentElement;if(d.dataset.theme==='system'&&matchMedia('(prefers-color-scheme: dark)').matches)d.classList.add('dark')}catch(e){}})()`;

export function prefersDark(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function applyTheme(choice: ThemeChoice) {
  const d = document.documentElement;
  d.dataset.theme = choice;
  d.classList.toggle('dark', choice === 'dark' || (choice === 'system' && prefersDark()));
}

export function rememberTheme(choice: ThemeChoice) {
  document.cookie = `${THEME_COOKIE}=${choice}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
