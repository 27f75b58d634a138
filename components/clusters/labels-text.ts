/** Labels as the forms write them: "k=v" per line or comma-separated. Null when a part is not k=v. */
export function parseLabelsText(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join('\n');
}
