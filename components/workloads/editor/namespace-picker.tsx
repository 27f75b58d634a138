'use client';

import type { useEditorNamespace } from '@/lib/client/use-workload-editor';
import { Select } from '@/components/ui/field';
import { useT } from '@/lib/i18n/react';

/** Which namespace the workload goes to (fixed when editing). */
export function NamespacePicker({ ns, disabled }: { ns: ReturnType<typeof useEditorNamespace>; disabled?: boolean }) {
  const t = useT();
  if (!ns.options.length) return null;
  const value = ns.current ? `${ns.current.cluster}/${ns.current.namespace}` : '';
  return (
    <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-700 dark:text-slate-300">
      <span>{t('wle.namespace')}</span>
      <Select className="w-56" value={value} disabled={disabled} aria-label={t('wle.namespace')}
        onChange={(e) => {
          const o = ns.options.find((x) => `${x.cluster}/${x.namespace}` === e.target.value);
          if (o) ns.choose(o);
        }}>
        {ns.options.map((o) => <option key={`${o.cluster}/${o.namespace}`} value={`${o.cluster}/${o.namespace}`}>{`${o.namespace} · ${o.cluster}`}</option>)}
      </Select>
    </label>
  );
}
