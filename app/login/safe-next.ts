/** Where to go after signing in: a path on this site only, never another origin. */
export function safeNext(raw: string | string[] | undefined | null): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\') || v.startsWith('/login')) return '/';
  return v;
}
