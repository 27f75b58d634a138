import type { Metadata } from 'next';
import { translator, type MessageKey } from '@/lib/i18n';
import { getAppearance } from './viewer';

/** generateMetadata for a page whose <title> is one dictionary entry. */
export function titled(key: MessageKey) {
  return async function generateMetadata(): Promise<Metadata> {
    const { locale } = await getAppearance();
    return { title: translator(locale)(key) };
  };
}
