'use client';

import { useMemo, useState } from 'react';
import { stringify } from 'yaml';
import { appCreate, specOf } from '@/lib/dialects/ote/app';
import type { AppSpec } from '@/lib/catalog/spec';
import { objectsOf } from '@/lib/deploy/objects';
import { useT } from '@/lib/i18n/react';

/** The objects a spec produces, as one multi-document YAML text. */
export function yamlOf(spec: AppSpec, t: { appName: string; version: string; namespace: string; deployName?: string }): string {
  const objects = objectsOf(spec, { deployName: t.deployName ?? t.appName, namespace: t.namespace, appName: t.appName, version: t.version });
  return objects.map((o) => stringify(o)).join('---\n');
}

export function YamlBlock({ text, label }: { text: string; label: string }) {
  return (
    <pre aria-label={label} tabIndex={0} className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-200">
      {text}
    </pre>
  );
}

/**
 * A live preview of what the form's values produce. While the form has an
 * error the last valid preview stays, marked as such, rather than flashing empty.
 */
export function YamlPreview({ values, namespace }: { values: unknown; namespace: string }) {
  const t = useT();
  const current = useMemo(() => {
    const parsed = appCreate.safeParse(values);
    if (!parsed.success) return null;
    try {
      return yamlOf(specOf(parsed.data), { appName: parsed.data.appName, version: parsed.data.version, namespace });
    } catch {
      return null;
    }
  }, [values, namespace]);
  const [lastValid, setLastValid] = useState('');
  if (current !== null && current !== lastValid) setLastValid(current);
  const text = current ?? lastValid;
  const stale = current === null;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.previewHint')}</p>
      {stale ? <p role="status" className="text-xs text-amber-700 dark:text-amber-400">{text ? t('apps.form.previewStale') : t('apps.form.previewEmpty')}</p> : null}
      {text ? <YamlBlock text={text} label={t('apps.form.preview')} /> : null}
    </div>
  );
}
