'use client';

import type { useWorkloadsNamespace } from '@/lib/client/use-workloads-namespace';
import { useT } from '@/lib/i18n/react';
import { Select } from '@/components/ui/field';

/** Which of the project's namespaces the workload pages work in. */
export function NamespacePicker({ ns }: { ns: ReturnType<typeof useWorkloadsNamespace> }) {
  const t = useT();
  if (ns.options.length === 0) return null;
  const value = ns.current ? `${ns.current.cluster}/${ns.current.namespace}` : '';
  return (
    <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-600 dark:text-slate-400">
      <span>{t('workloads.namespace')}</span>
      <Select
        className="w-auto min-w-40"
        value={value}
        onChange={(e) => {
          const o = ns.options.find((x) => `${x.cluster}/${x.namespace}` === e.target.value);
          if (o) ns.choose(o);
        }}
      >
        {ns.options.map((o) => (
          <option key={`${o.cluster}/${o.namespace}`} value={`${o.cluster}/${o.namespace}`}>
            {`${o.namespace} · ${o.cluster}`}
          </option>
        ))}
      </Select>
    </label>
  );
}
