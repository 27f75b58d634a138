/** The console's languages. Client-safe: no server imports. */
export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];

export const LOCALE_COOKIE = 'pier_locale';

export function isLocale(v: unknown): v is Locale {
  return v === 'en' || v === 'zh';
}

/**
 * The best of our languages for an Accept-Language header, honouring q-values;
 * any Chinese variant (zh, zh-CN, zh-Hans, zh-TW) is served the zh dictionary.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const primary = r.tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

/** Saved preference first, then an explicit choice made before signing in, then the browser's. */
export function resolveLocale(opts: { saved?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(opts.saved)) return opts.saved;
  if (isLocale(opts.cookie)) return opts.cookie;
  return negotiateLocale(opts.acceptLanguage) ?? 'en';
}

/** The value for <html lang>. */
export function htmlLang(l: Locale): string {
  return l === 'zh' ? 'zh-CN' : 'en';
}
