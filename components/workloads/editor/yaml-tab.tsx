'use client';

import { useCallback } from 'react';
import { YamlEditor, type YamlCheck, type YamlIssue } from '@/components/yaml/yaml-editor';
import { Notice } from '@/components/ui/states';
import { useI18n, useT } from '@/lib/i18n/react';
import { translateFieldMessage } from '@/lib/i18n/validation';
import type { WorkloadObject } from '@/lib/workloads/bundle';
import { validateDocs } from './yaml-sync';

export type YamlState = { kind: 'ok' } | { kind: 'parse' } | { kind: 'unrepresented'; reasons: string[] };

/** The YAML tab: CodeMirror with the workload rules and the server's refusals at their lines. */
export function YamlTab({ text, namespace, live, state, serverIssues, onText, onCheck }: {
  text: string | null;
  namespace: string;
  /** Editing: the live workload object, whose fields the form does not describe the YAML keeps. */
  live?: WorkloadObject;
  state: YamlState;
  serverIssues: readonly YamlIssue[];
  onText: (text: string) => void;
  onCheck: (r: YamlCheck) => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const validate = useCallback(
    (docs: unknown[]) => validateDocs(docs, namespace, live, (m) => translateFieldMessage(m, locale) ?? m),
    [namespace, live, locale],
  );
  if (text === null) return <Notice tone="warning">{t('wle.yaml.cannotTranslate')}</Notice>;
  return (
    <div className="space-y-3">
      {state.kind === 'unrepresented' ? (
        <Notice tone="warning">
          <p>{t('wle.yaml.unrepresented')}</p>
          <ul className="mt-1 list-disc pl-5 font-mono text-xs">{state.reasons.slice(0, 12).map((r) => <li key={r}>{r}</li>)}</ul>
        </Notice>
      ) : state.kind === 'parse' ? <Notice>{t('wle.yaml.parseError')}</Notice> : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('wle.yaml.inStep')}</p>
      )}
      <YamlEditor value={text} onChange={onText} validate={validate} issues={serverIssues} onCheck={onCheck} height="36rem" ariaLabel={t('wle.yaml.label')} />
    </div>
  );
}
