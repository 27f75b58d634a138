/** One line of a unified diff: kept, removed from the old text, or added in the new. */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line numbers in the old and new texts (absent on the side the line is not in). */
  old?: number;
  new?: number;
}

/**
 * A line diff by longest common subsequence. Quadratic, which is fine for
 * the few hundred lines of one workload's YAML (the editor's only use).
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = a[i] === b[j] ? lcs[at(i + 1, j + 1)] + 1 : Math.max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i], old: i + 1, new: j + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)])) {
      // Removals before additions, as unified diffs show a changed line.
      out.push({ op: '-', text: a[i], old: i + 1 });
      i++;
    } else {
      out.push({ op: '+', text: b[j], new: j + 1 });
      j++;
    }
  }
  return out;
}

/** Whether the two texts differ at all (cheaper than a diff). */
export const changed = (before: string, after: string) => before.replace(/\n$/, '') !== after.replace(/\n$/, '');
