import type { Locale } from './locale';

const tags: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN' };

/** Date and time in the reader's language and time zone, e.g. "22 Nov 2026, 14:05". */
export function formatDateTime(value: string | Date | null | undefined, locale: Locale): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatDate(value: string | Date | null | undefined, locale: Locale): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium' }).format(new Date(value));
}
