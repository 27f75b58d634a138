'use client';

import { Fragment, useState } from 'react';
import type { AuditEntry } from '@/lib/client/use-audit';
import { useI18n } from '@/lib/i18n/react';
import { formatDateTime } from '@/lib/i18n/format';
import { Icon } from '@/components/icons';
import { Badge, Td } from '@/components/ui/table';

function Json({ label, value }: { label: string; value: unknown }) {
  const { t } = useI18n();
  return (
    <div className="min-w-0">
      <p className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</p>
      <pre className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-200">
        {value === null || value === undefined ? t('audit.nothing') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

const actionTone = (a: string) => (a === 'delete' || a === 'revoke' ? 'red' : a === 'create' ? 'green' : a === 'update' ? 'sky' : 'slate');

export function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const detailsId = `audit-details-${entry.id}`;
  return (
    <Fragment>
      <tr className={open ? 'bg-slate-50/70 dark:bg-slate-800/30' : undefined}>
        <Td className="w-10 pr-0">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? t('audit.hideDetails') : t('audit.showDetails')} #${entry.id}`}
            onClick={() => setOpen((o) => !o)}
            className="rounded p-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800 dark:hover:bg-slate-700 dark:hover:text-slate-100"
          >
            <Icon name="chevronRight" className={`size-4 transition-transform ${open ? 'rotate-90' : ''}`} />
          </button>
        </Td>
        <Td className="whitespace-nowrap">{formatDateTime(entry.at, locale)}</Td>
        <Td className="font-medium text-slate-900 dark:text-slate-100">{entry.actorName}</Td>
        <Td>
          <Badge tone={actionTone(entry.action)}>{entry.action}</Badge>
        </Td>
        <Td>
          <span className="text-slate-500 dark:text-slate-400">{entry.resourceType}</span>
          {entry.resourceName ? <span className="ml-1.5 font-medium text-slate-900 dark:text-slate-100">{entry.resourceName}</span> : null}
        </Td>
        <Td>
          <Badge>{entry.source}</Badge>
        </Td>
      </tr>
      {open ? (
        <tr id={detailsId}>
          <Td colSpan={6} className="bg-slate-50/70 dark:bg-slate-800/30">
            <div className="grid gap-4 md:grid-cols-2">
              <Json label={t('audit.before')} value={entry.before} />
              <Json label={t('audit.after')} value={entry.after} />
            </div>
          </Td>
        </tr>
      ) : null}
    </Fragment>
  );
}
