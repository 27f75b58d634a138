import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

/**
 * The console's slate/sky palette (tailwind's colours as hex, since the
 * editor's styles are not tailwind classes).
 */
const light = {
  bg: '#ffffff', fg: '#0f172a', gutter: '#f8fafc', gutterFg: '#94a3b8', border: '#e2e8f0', active: '#f1f5f9',
  selection: '#bae6fd', cursor: '#0369a1', key: '#0369a1', string: '#047857', number: '#b45309', atom: '#7c3aed', comment: '#64748b', meta: '#be185d',
};
const dark = {
  bg: '#0f172a', fg: '#e2e8f0', gutter: '#020617', gutterFg: '#64748b', border: '#1e293b', active: '#1e293b',
  selection: '#075985', cursor: '#38bdf8', key: '#7dd3fc', string: '#6ee7b7', number: '#fcd34d', atom: '#c4b5fd', comment: '#94a3b8', meta: '#f9a8d4',
};

function themeOf(c: typeof light, isDark: boolean): Extension {
  const view = EditorView.theme(
    {
      '&': { color: c.fg, backgroundColor: c.bg, fontSize: '13px', border: `1px solid ${c.border}`, borderRadius: '0.375rem' },
      '&.cm-focused': { outline: `2px solid ${c.cursor}40` },
      '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.55' },
      '.cm-content': { caretColor: c.cursor },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: c.cursor },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: c.selection },
      '.cm-gutters': { backgroundColor: c.gutter, color: c.gutterFg, borderRight: `1px solid ${c.border}`, borderTopLeftRadius: '0.375rem', borderBottomLeftRadius: '0.375rem' },
      '.cm-activeLine': { backgroundColor: `${c.active}80` },
      '.cm-activeLineGutter': { backgroundColor: c.active },
      '.cm-tooltip': { backgroundColor: c.bg, color: c.fg, border: `1px solid ${c.border}`, borderRadius: '0.375rem' },
      '.cm-diagnostic': { fontFamily: 'ui-sans-serif, system-ui, sans-serif', fontSize: '12px' },
      '.cm-diagnostic-error': { borderLeftColor: isDark ? '#f87171' : '#dc2626' },
      '.cm-diagnostic-warning': { borderLeftColor: isDark ? '#fbbf24' : '#d97706' },
      '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: `underline wavy ${isDark ? '#f87171' : '#dc2626'}`, textUnderlineOffset: '3px' },
      '.cm-panels': { backgroundColor: c.gutter, color: c.fg },
      '.cm-panels-bottom': { borderTop: `1px solid ${c.border}` },
      '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: c.active, color: c.fg },
    },
    { dark: isDark },
  );
  const highlight = HighlightStyle.define([
    { tag: [t.propertyName, t.definition(t.propertyName)], color: c.key },
    { tag: [t.string, t.special(t.string), t.content], color: c.string },
    { tag: [t.number, t.integer, t.float], color: c.number },
    { tag: [t.bool, t.null, t.atom, t.keyword], color: c.atom },
    { tag: [t.comment, t.lineComment], color: c.comment, fontStyle: 'italic' },
    { tag: [t.meta, t.labelName, t.typeName, t.separator, t.punctuation], color: c.meta },
  ]);
  return [view, syntaxHighlighting(highlight)];
}

export const lightTheme = themeOf(light, false);
export const darkTheme = themeOf(dark, true);
