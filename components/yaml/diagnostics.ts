import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';

/** A problem a caller found in the parsed YAML, named by the path of the field it is about. */
export interface YamlIssue {
  /** Field path inside the document, e.g. ['spec', 'template', 'spec', 'containers', 0, 'image']. */
  path: readonly (string | number)[];
  message: string;
  /** Which `---` document (0 first); 0 when left out. */
  doc?: number;
  severity?: 'error' | 'warning';
}

/** A diagnostic placed in the text: offsets into it, as CodeMirror's lint wants them. */
export interface YamlDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
}

export type YamlValidate = (docs: unknown[]) => readonly YamlIssue[];

export interface YamlCheck {
  /** The documents as plain values; null when the text does not parse. */
  docs: unknown[] | null;
  diagnostics: YamlDiagnostic[];
}

function clamp(n: number, len: number): number {
  return Math.max(0, Math.min(n, len));
}

/**
 * Where a field path lands in a document: the key of the deepest pair that
 * exists on the way (so a missing field shows on its parent's key, and a
 * field the validator names that is present shows on its own key).
 */
export function rangeOfPath(doc: Document, path: readonly (string | number)[]): [number, number] | null {
  let node: unknown = doc.contents;
  let found: [number, number] | null = rangeOf(node);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      found = rangeOf(pair.key) ?? rangeOf(pair.value) ?? found;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = typeof seg === 'number' ? seg : Number(seg);
      const item = Number.isInteger(i) ? node.items[i] : undefined;
      if (item === undefined) break;
      // An item that is a map is pointed at by its first key, not by the whole block.
      found = (isMap(item) && item.items[0] ? rangeOf(item.items[0].key) : null) ?? rangeOf(item) ?? found;
      node = item;
    } else {
      break;
    }
  }
  return found;
}

function rangeOf(node: unknown): [number, number] | null {
  const r = (node as YamlNode | null | undefined)?.range;
  if (!r) return null;
  // A collection's range spans its whole block: show only its first line.
  return [r[0], isMap(node) || isSeq(node) ? r[0] : r[1]];
}

/**
 * Parses the text (several `---` documents allowed) and lists what is wrong
 * with it: YAML syntax errors at their own position, then — only when the
 * text parses — the validator's issues at the fields they name.
 */
export function checkYaml(text: string, validate?: YamlValidate, extra: readonly YamlIssue[] = []): YamlCheck {
  const parsed = parseAllDocuments(text);
  const docs: Document[] = Array.isArray(parsed) ? parsed : [];
  const diagnostics: YamlDiagnostic[] = [];
  for (const d of docs) {
    for (const e of [...d.errors, ...d.warnings]) {
      const from = clamp(e.pos[0], text.length);
      diagnostics.push({ from, to: clamp(Math.max(e.pos[1], from), text.length), severity: d.errors.includes(e) ? 'error' : 'warning', message: firstLine(e.message) });
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { docs: null, diagnostics };
  const values = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  const issues = [...(validate ? validate(values) : []), ...extra];
  for (const issue of issues) {
    const doc = docs[issue.doc ?? 0];
    const range = doc ? rangeOfPath(doc, issue.path) : null;
    const [from, to] = range ?? [0, 0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    diagnostics.push({ from: clamp(from, text.length), to: clamp(to, text.length), severity: issue.severity ?? 'error', message: `${where}${issue.message}` });
  }
  return { docs: values, diagnostics };
}

/** The yaml package's messages carry a source excerpt after the first line; the editor shows the place itself. */
function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
