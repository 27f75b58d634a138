/**
 * Where this Pier process serves HTTP, for reaching its own simulated
 * clusters like any remote apiserver: PIER_SELF_URL, else the loopback
 * address on PORT (or PIER_HOST when it names one interface).
 */
export function selfUrl(env: Record<string, string | undefined> = process.env): string {
  if (env.PIER_SELF_URL) return env.PIER_SELF_URL.replace(/\/+$/, '');
  const host = env.PIER_HOST && !['0.0.0.0', '::', ''].includes(env.PIER_HOST) ? env.PIER_HOST : '127.0.0.1';
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${env.PORT || '3000'}`;
}
