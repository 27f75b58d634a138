import type { Metadata } from 'next';
import { getAppearance } from './(console)/_server/viewer';
import { Providers } from './providers';
import { htmlLang } from '@/lib/i18n';
import { systemThemeScript } from '@/components/theme/theme';
import './globals.css';

export const metadata: Metadata = { title: { default: 'Pier', template: '%s · Pier' }, description: 'Container platform console' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale, theme } = await getAppearance();
  return (
    <html lang={htmlLang(locale)} className={theme === 'dark' ? 'dark' : undefined} data-theme={theme} suppressHydrationWarning>
      <head>
        {theme === 'system' ? <script dangerouslySetInnerHTML={{ __html: systemThemeScript }} /> : null}
      </head>
      <body className="min-h-screen antialiased">
        <Providers locale={locale} theme={theme}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
