/** Builds an ImportedImage from a stored manifest, for either backend. */
import { configInfo, isIndexType, pickPlatform, type Descriptor } from './media';
import type { ImportedImage } from './types';

export interface ManifestSource {
  /** A manifest or index by descriptor; null when gone. */
  manifest(d: Descriptor): Promise<Buffer | null>;
  /** A blob by digest; null when gone. */
  blob(digest: string): Promise<Buffer | null>;
}

interface ManifestJson {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

export async function describe(
  repository: string,
  tag: string,
  top: Descriptor,
  source: ManifestSource,
): Promise<ImportedImage | null> {
  let d = top;
  for (let depth = 0; depth < 3; depth++) {
    const bytes = await source.manifest(d);
    if (!bytes) return null;
    const m = JSON.parse(bytes.toString('utf8')) as ManifestJson;
    if (isIndexType(d.mediaType) || isIndexType(m.mediaType) || Array.isArray(m.manifests)) {
      const chosen = pickPlatform(m.manifests ?? []);
      if (!chosen) return null;
      d = chosen;
      continue;
    }
    if (!m.config) return null;
    const config = await source.blob(m.config.digest);
    const size = m.config.size + (m.layers ?? []).reduce((s, l) => s + l.size, 0);
    // The tag's digest is the top descriptor's: that is what a pull by digest resolves.
    return { repository, tag, digest: top.digest, size, ...configInfo(config ? JSON.parse(config.toString('utf8')) : null) };
  }
  return null;
}

/** Digests a manifest (or index) references, for mark-and-sweep. */
export function referencedDigests(bytes: Buffer): { blobs: string[]; children: Descriptor[] } {
  const m = JSON.parse(bytes.toString('utf8')) as ManifestJson;
  if (Array.isArray(m.manifests)) return { blobs: [], children: m.manifests };
  return { blobs: [m.config?.digest, ...(m.layers ?? []).map((l) => l.digest)].filter((x): x is string => !!x), children: [] };
}
