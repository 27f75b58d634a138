/** The registry backends' common interface: what the image catalog builds on. */

export interface ImportedImage {
  /** `<workspace>/<name>`, a valid OCI repository name. */
  repository: string;
  tag: string;
  /** Manifest digest, `sha256:<hex>`: what `docker pull repo@digest` takes. */
  digest: string;
  /** Bytes of config plus layers as stored (compressed where the layer is). */
  size: number;
  /** From the image config; ISO 8601, or null when the config has none. */
  created: string | null;
  /** From the image config (`docker_version`); empty when not built by docker. */
  dockerVersion: string;
  architecture: string;
  os: string;
}

/**
 * An archive still arriving (an upload's body), parsed as it streams in and
 * read once to its end; beyond `maxBytes` it is refused (PayloadTooLarge).
 * Give `stream` an iterator that does not destroy its source when the import
 * stops early (`readable.iterator({ destroyOnReturn: false })`), so the
 * caller can drain the rest of the request.
 */
export interface ArchiveStream {
  stream: AsyncIterable<Uint8Array>;
  maxBytes: number;
}

/** A file on disk, or a stream. */
export type ArchiveSource = string | ArchiveStream;

export type ImportPhase = 'verify' | 'push';

export interface ImportProgress {
  phase: ImportPhase;
  doneBytes: number;
  totalBytes: number;
}

export interface ImportOptions {
  /** First path component of every repository the archive lands in. */
  workspace: string;
  /** Replaces the archive's image name (the part after any host and workspace). */
  imageName?: string;
  /** Replaces the archive's tag. */
  tagName?: string;
  onProgress?(p: ImportProgress): void;
}

export interface GcProgress {
  phase: 'mark' | 'sweep';
  done: number;
  total: number;
}

export interface GcResult {
  removedBlobs: number;
  freedBytes: number;
}

export interface StorageInfo {
  usedBytes: number;
  freeBytes: number;
  totalBytes: number;
}

export interface RegistryBackend {
  readonly kind: 'embedded' | 'oci';
  /** Host (and port) a `docker pull` command shows, without scheme. */
  pullHost(): string;
  /** Verifies and imports a `docker save` or OCI archive (a file, or a stream read once); one entry per tag it created. */
  importArchive(source: ArchiveSource, opts: ImportOptions): Promise<ImportedImage[]>;
  listRepositories(): Promise<string[]>;
  listTags(repository: string): Promise<string[]>;
  inspect(repository: string, tag: string): Promise<ImportedImage | null>;
  deleteTag(repository: string, tag: string): Promise<void>;
  deleteRepository(repository: string): Promise<void>;
  storage(): Promise<StorageInfo>;
  garbageCollect(onProgress?: (p: GcProgress) => void): Promise<GcResult>;
}
