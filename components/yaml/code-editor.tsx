'use client';

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, indentUnit } from '@codemirror/language';
import { forceLinting, lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { checkYaml } from './diagnostics';
import { darkTheme, lightTheme } from './theme';
import type { YamlEditorProps } from './types';

/**
 * Marks the replacement of the text by a new `value` prop. `onChange` reports the user's edits only: echoing a
 * value the parent just set made the workload page's YAML tab take a reload after Save for a fresh edit (and
 * drop its "Applied." notice).
 */
const fromProps = Annotation.define<boolean>();

function isDark(): boolean {
  return document.documentElement.classList.contains('dark');
}

/** The CodeMirror view itself; load it through ./yaml-editor (lazily, never on the server). */
export default function CodeEditor({ value, onChange, readOnly = false, validate, issues, onCheck, height = '28rem', ariaLabel, id }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The linter and update listener live as long as the view; they read the latest props from here.
  const props = useRef({ onChange, validate, issues, onCheck });
  useLayoutEffect(() => {
    props.current = { onChange, validate, issues, onCheck };
  });
  const [theme] = useState(() => new Compartment());
  const [editable] = useState(() => new Compartment());

  useEffect(() => {
    const lint = linter(
      (v): Diagnostic[] => {
        const { validate: check, issues: extra, onCheck: report } = props.current;
        const result = checkYaml(v.state.doc.toString(), check, extra);
        report?.(result);
        return result.diagnostics;
      },
      { delay: 250 },
    );
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          lintGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          indentUnit.of('  '),
          EditorState.tabSize.of(2),
          keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, indentWithTab]),
          yaml(),
          lint,
          theme.of(isDark() ? darkTheme : lightTheme),
          editable.of(EditorState.readOnly.of(readOnly)),
          EditorView.contentAttributes.of({ 'aria-label': ariaLabel ?? 'YAML', ...(id ? { id } : {}) }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromProps))) props.current.onChange?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    // The console's theme is a class on <html>; follow it when the user switches.
    const observer = new MutationObserver(() => v.dispatch({ effects: theme.reconfigure(isDark() ? darkTheme : lightTheme) }));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => {
      observer.disconnect();
      v.destroy();
      view.current = null;
    };
    // The view is made once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A new value from outside (the form changed, a reload) replaces the text; our own edits come back equal.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromProps.of(true) });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.reconfigure(EditorState.readOnly.of(readOnly)) });
  }, [readOnly, editable]);

  // New server issues or a new validator: lint again now rather than on the next keystroke.
  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [issues, validate]);

  return <div ref={host} data-testid="yaml-editor" data-readonly={readOnly || undefined} className="overflow-hidden [&_.cm-editor]:h-full" style={{ height }} />;
}
