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
  /** Verifies and imports a `docker save` or OCI archive; one entry per tag it created. */
  importArchive(file: string, opts: ImportOptions): Promise<ImportedImage[]>;
  listRepositories(): Promise<string[]>;
  listTags(repository: string): Promise<string[]>;
  inspect(repository: string, tag: string): Promise<ImportedImage | null>;
  deleteTag(repository: string, tag: string): Promise<void>;
  deleteRepository(repository: string): Promise<void>;
  storage(): Promise<StorageInfo>;
  garbageCollect(onProgress?: (p: GcProgress) => void): Promise<GcResult>;
}
