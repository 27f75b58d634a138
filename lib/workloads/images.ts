/** An image reference split the ECNS way: address and version (a tag, or `sha256:<hex>` for a digest). */
export function joinImage(image: string, version: string): string {
  return version.startsWith('sha256:') ? `${image}@${version}` : `${image}:${version}`;
}

export function splitImage(ref: string): { image: string; image_version: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { image: ref.slice(0, at), image_version: ref.slice(at + 1) };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { image: ref.slice(0, colon), image_version: ref.slice(colon + 1) };
  return { image: ref, image_version: 'latest' };
}

/** What the apiserver defaults imagePullPolicy to: Always for `latest` (or no tag), IfNotPresent otherwise. */
export function defaultPullPolicy(ref: string): 'Always' | 'IfNotPresent' {
  if (ref.includes('@')) return 'IfNotPresent';
  return splitImage(ref).image_version === 'latest' ? 'Always' : 'IfNotPresent';
}
