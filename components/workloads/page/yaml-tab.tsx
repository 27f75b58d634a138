'use client';

import { stringify } from 'yaml';
import { useWorkloadYaml, type WorkloadRef, type WorkloadView } from '@/lib/client/use-workloads';
import type { NamespaceChoice } from '@/lib/client/use-workloads-namespace';
import { ApiError } from '@/lib/client/api';
import { useT } from '@/lib/i18n/react';
import { QueryState } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

/**
 * The live object as YAML, read-only. Until the server has `GET /_raw/…`
 * (a 404 here), the ECNS view of the workload is shown instead, said so.
 */
export function YamlTab({ ns, workload, view }: { ns: NamespaceChoice | null; workload: WorkloadRef; view: WorkloadView }) {
  const t = useT();
  const raw = useWorkloadYaml(ns, workload, true);
  const unserved = raw.error instanceof ApiError && raw.error.status === 404;
  const text = unserved ? stringify(view) : raw.data;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('workloads.yaml.readOnly')}</p>
      {unserved ? <Notice tone="warning">{t('workloads.yaml.unavailable')}</Notice> : null}
      <QueryState query={{ isPending: raw.isPending && !unserved, error: unserved ? null : raw.error, refetch: raw.refetch }}>
        <pre aria-label={t('workloads.page.yaml')} className="max-h-[40rem] overflow-auto rounded-xl border border-slate-200 bg-white p-4 font-mono text-xs leading-5 text-slate-800 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-200">
          {text}
        </pre>
      </QueryState>
    </div>
  );
}
