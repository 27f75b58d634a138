import { zodFields } from '@/lib/http/zod-fields';

/** Time since `from` the way kubectl's AGE column shows it: 45s, 12m, 5h, 3d. */
export function age(from: string, now: Date): string {
  const t = Date.parse(from);
  if (!Number.isFinite(t)) return '';
  const s = Math.max(0, Math.floor((now.getTime() - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 2 * 3600) return `${Math.floor(s / 60)}m`;
  if (s < 2 * 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export type Tone = 'slate' | 'sky' | 'green' | 'amber' | 'red' | 'violet';

/** Badge colour of a workload's or a pod's status word. */
export function statusTone(status: string): Tone {
  if (status === 'Running' || status === 'Succeed' || status === 'Succeeded') return 'green';
  if (status === 'Stopped') return 'slate';
  if (status === 'Pending' || status === 'Removing' || status === 'Terminating' || status === 'ContainerCreating') return 'amber';
  if (status === 'Unknown') return 'violet';
  return 'red';
}

export interface DiffLine { op: ' ' | '+' | '-'; text: string }

/**
 * A line diff of two texts (longest common subsequence): what a unified
 * diff shows, without hunks. Revisions' YAML is a few hundred lines, so the
 * quadratic table is small.
 */
export function lineDiff(a: string, b: string): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ op: ' ', text: x[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ op: '-', text: x[i++] });
    } else {
      out.push({ op: '+', text: y[j++] });
    }
  }
  while (i < n) out.push({ op: '-', text: x[i++] });
  while (j < m) out.push({ op: '+', text: y[j++] });
  return out;
}

/** Field errors from a zod result, named the way the API names them (`containers.0.image.image`). */
export const zodFieldErrors = zodFields;

/** Host aliases as the form writes them: "IP name name" per line. Null when a line has no name. */
export function parseHostAliases(text: string): Array<{ ip: string; hostnames: string }> | null {
  const out: Array<{ ip: string; hostnames: string }> = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [ip, ...names] = line.split(/\s+/);
    if (!names.length) return null;
    out.push({ ip, hostnames: names.join(' ') });
  }
  return out;
}

export function hostAliasesText(aliases: Array<{ ip: string; hostnames: string | string[] }> | undefined): string {
  return (aliases ?? []).map((a) => `${a.ip} ${(Array.isArray(a.hostnames) ? a.hostnames : a.hostnames.split(/[\s,]+/)).filter(Boolean).join(' ')}`).join('\n');
}

/**
 * The fields an apiserver refusal names (`Deployment.apps "web" is invalid:
 * spec.replicas: Invalid value: -1: …`), as YAML paths for the editor to
 * mark: `spec.template.spec.containers[0].image` → ['spec', …, 0, 'image'].
 */
export function issuesOfReason(reason: string): Array<{ path: (string | number)[]; message: string }> {
  const out: Array<{ path: (string | number)[]; message: string }> = [];
  const re = /([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*|\[\d+\])*): (Invalid value|Required value|Unsupported value|Forbidden|Duplicate value|Too long|Too many|Not found)/g;
  for (const m of reason.matchAll(re)) {
    if (!m[1].includes('.') && !m[1].includes('[')) continue;
    const path = m[1].split(/\.|(?=\[)/).map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p));
    out.push({ path, message: reason });
  }
  return out;
}
