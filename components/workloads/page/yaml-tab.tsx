'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { usePutWorkloadYaml, useWorkloadYaml, workloadYamlKey, type WorkloadRef } from '@/lib/client/use-workloads';
import type { NamespaceChoice } from '@/lib/client/use-workloads-namespace';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { YamlEditor, type YamlIssue } from '@/components/yaml/yaml-editor';
import { issuesOfReason } from '../format';
import { rebaseOnLive } from '../yaml-rebase';

/**
 * The live object as YAML (`GET /_raw/<Kind>/name/<name>/`), editable: Save
 * replaces it (`PUT`, the apiserver's validation). A refusal's message is
 * shown, and at the line of each field it names.
 */
export function YamlTab({ ns, workload, readOnly }: { ns: NamespaceChoice | null; workload: WorkloadRef; readOnly: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const raw = useWorkloadYaml(ns, workload, true);
  const put = usePutWorkloadYaml(workload);
  const [draft, setDraft] = useState<string | null>(null);
  // The live text the draft was started from: a save compares it with the object now.
  const [base, setBase] = useState<string | null>(null);
  const [parses, setParses] = useState(true);
  const [refused, setRefused] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const text = draft ?? raw.data ?? '';
  const issues: YamlIssue[] = refused ? issuesOfReason(refused) : [];
  const save = async () => {
    setSaved(false);
    setRefused(null);
    const live = await raw.refetch();
    const body = base !== null && live.data !== undefined ? rebaseOnLive(text, base, live.data) : text;
    put.mutate(body, {
      onSuccess: (r) => {
        if (r.failed.length) {
          setRefused(r.failed.map((f) => f.reason).join('\n'));
          return;
        }
        // The answer is the object as the cluster now has it: shown at once, rather than the text read before
        // the save until the refetch (which may wait for the watch to see the write) brings it.
        if (r.succeed.length === 1) qc.setQueryData(workloadYamlKey(ns, workload), r.succeed[0].yaml);
        setDraft(null);
        setBase(null);
        setSaved(true);
      },
    });
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">{readOnly ? t('workloads.yaml.readOnly') : t('workloads.yaml.editable')}</p>
        {!readOnly ? (
          <div className="flex gap-2">
            <Button disabled={draft === null} onClick={() => { setDraft(null); setBase(null); setRefused(null); void raw.refetch(); }}>{t('workloads.yaml.reset')}</Button>
            <Button variant="primary" disabled={draft === null || !parses || put.isPending} onClick={() => void save()}>
              {put.isPending ? t('workloads.forms.applying') : t('workloads.yaml.save')}
            </Button>
          </div>
        ) : null}
      </div>
      {refused ? <Notice><span className="whitespace-pre-wrap">{refused}</span></Notice> : null}
      {put.error ? <Notice>{errorText(put.error)}</Notice> : null}
      {saved ? <Notice tone="success">{t('workloads.forms.applied')}</Notice> : null}
      <QueryState query={raw}>
        <YamlEditor
          value={text}
          readOnly={readOnly}
          onChange={(v) => {
            if (draft === null) setBase(raw.data ?? null);
            setDraft(v);
            setSaved(false);
          }}
          onCheck={(c) => setParses(c.docs !== null)}
          issues={issues}
          height="36rem"
          ariaLabel={t('workloads.page.yaml')}
        />
      </QueryState>
    </div>
  );
}
