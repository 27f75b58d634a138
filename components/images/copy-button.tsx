'use client';

import { useState } from 'react';
import { useT } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';

/** Copies `text`; says Copied only when the clipboard took it. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={label}
      title={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          setCopied(false);
        }
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} className="size-4" />
      <span className="sr-only">{copied ? t('common.copied') : t('common.copy')}</span>
    </Button>
  );
}
