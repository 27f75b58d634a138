'use client';

import dynamic from 'next/dynamic';
import type { YamlEditorProps } from './types';

export type { YamlEditorProps } from './types';
export type { YamlCheck, YamlDiagnostic, YamlIssue, YamlValidate } from './diagnostics';

/**
 * The YAML editor (CodeMirror 6). Loaded on first render, in the browser
 * only, so pages without it do not carry CodeMirror in their bundle.
 */
export const YamlEditor = dynamic<YamlEditorProps>(() => import('./code-editor'), {
  ssr: false,
  loading: () => (
    <div className="h-28 animate-pulse rounded-md border border-slate-200 bg-slate-100 dark:border-slate-800 dark:bg-slate-900" aria-busy="true" />
  ),
});
