/** Media types Pier reads and writes (OCI image spec, and docker's equivalents it accepts). */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

export const REF_NAME = 'org.opencontainers.image.ref.name';
export const CONTAINERD_NAME = 'io.containerd.image.name';

export function isIndexType(mediaType: string | undefined): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

export function isManifestType(mediaType: string | undefined): boolean {
  return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}

/** Every manifest type a registry is asked for, best first. */
export const MANIFEST_ACCEPT = [OCI_MANIFEST, DOCKER_MANIFEST, OCI_INDEX, DOCKER_MANIFEST_LIST].join(', ');

export const DIGEST = /^sha256:[a-f0-9]{64}$/;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture?: string; os?: string; variant?: string };
}

/** Fields of an image config Pier shows; the rest stays in the blob. */
export interface ConfigInfo {
  created: string | null;
  dockerVersion: string;
  architecture: string;
  os: string;
}

export function configInfo(config: unknown): ConfigInfo {
  const c = (config ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    created: typeof c.created === 'string' ? c.created : null,
    dockerVersion: str(c.docker_version),
    architecture: str(c.architecture),
    os: str(c.os),
  };
}

/** Chooses the manifest a tag stands for out of a multi-platform index: linux/amd64, else the first real platform. */
export function pickPlatform(manifests: Descriptor[]): Descriptor | undefined {
  const real = manifests.filter((m) => isManifestType(m.mediaType) && m.platform?.os !== 'unknown');
  return real.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ?? real[0];
}

/** Blob descriptors a manifest lists (config and layers); [] for an index or anything unreadable. */
export function referencedDigestsSafe(bytes: Buffer): Descriptor[] {
  try {
    const m = JSON.parse(bytes.toString('utf8')) as { config?: Descriptor; layers?: Descriptor[] };
    return [m.config, ...(m.layers ?? [])].filter((d): d is Descriptor => !!d && typeof d.digest === 'string');
  } catch {
    return [];
  }
}
