'use client';

import { useState } from 'react';
import type { IssuedToken } from '@/lib/client/use-tokens';
import { useT } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';

/** The one time a token's secret is shown. */
export function TokenSecret({ token, onDismiss }: { token: IssuedToken; onDismiss: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopied(true);
    } catch {
      // No clipboard access (permission, plain http): select it for a manual copy.
      (document.getElementById('token-secret') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40">
      <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">{t('profile.newToken', { name: token.name })}</p>
      <p className="mt-0.5 text-sm text-amber-900 dark:text-amber-200">{t('profile.secretOnce')}</p>
      <div className="mt-3 flex gap-2">
        <label htmlFor="token-secret" className="sr-only">
          {t('profile.secret')}
        </label>
        <input
          id="token-secret"
          readOnly
          value={token.secret}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 dark:border-amber-800 dark:bg-slate-950 dark:text-slate-100"
        />
        <Button onClick={copy} aria-label={t('profile.copySecret')}>
          <Icon name={copied ? 'check' : 'copy'} className="size-4" />
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          {t('profile.dismiss')}
        </Button>
      </div>
    </div>
  );
}
