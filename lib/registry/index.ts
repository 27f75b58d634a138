/**
 * The registry module: backends that store images (embedded OCI layout or a
 * remote OCI Distribution registry), archive import, streamed uploads.
 * docs/registry.md describes the interface for the catalog built on it.
 */
import path from 'node:path';
import { EmbeddedRegistry } from './embedded/backend';
import { OciRegistry } from './oci/backend';
import type { RegistryBackend } from './types';

type Env = Record<string, string | undefined>;

export type { RegistryBackend, ArchiveSource, ArchiveStream, ImportedImage, ImportOptions, ImportProgress, GcProgress, GcResult, StorageInfo } from './types';
export { receiveUpload, uploadMaxBytes, DEFAULT_UPLOAD_MAX_BYTES, type ReceivedUpload } from './upload';
export { isRepositoryName, isTag, checkRepositoryName, checkTag, checkWorkspace, parseReference } from './names';
export { EmbeddedRegistry } from './embedded/backend';
export { OciRegistry } from './oci/backend';
export { RegistryError } from './oci/client';
export { RegistryAuthError } from './oci/auth';

/** PIER_REGISTRY=embedded (default) or oci; see the README's configuration table. */
export function registryFromEnv(env: Env = process.env): RegistryBackend {
  const kind = env.PIER_REGISTRY || 'embedded';
  if (kind === 'oci') {
    const url = env.PIER_REGISTRY_URL;
    if (!url) throw new Error('PIER_REGISTRY=oci needs PIER_REGISTRY_URL');
    return new OciRegistry({
      url,
      username: env.PIER_REGISTRY_USERNAME || undefined,
      password: env.PIER_REGISTRY_PASSWORD || undefined,
      pullHost: env.PIER_REGISTRY_PULL_HOST || undefined,
      storageDir: env.PIER_REGISTRY_STORAGE_DIR || undefined,
      stagingDir: path.join(dataDir(env), 'registry-staging'),
    });
  }
  if (kind !== 'embedded') throw new Error(`PIER_REGISTRY must be "embedded" or "oci", not "${kind}"`);
  return new EmbeddedRegistry(path.join(dataDir(env), 'registry'), env.PIER_REGISTRY_PULL_HOST || `localhost:${env.PORT || '3000'}`, {
    durable: env.PIER_REGISTRY_FSYNC !== '0',
  });
}

/** Where uploads wait for import: beside the registry, so the disk that holds images holds them. */
export function uploadDir(env: Env = process.env): string {
  return path.join(dataDir(env), 'uploads');
}

function dataDir(env: Env): string {
  return path.resolve(/* turbopackIgnore: true */ env.PIER_DATA_DIR || './data');
}

/** One backend per process, built from the environment on first use. */
let shared: RegistryBackend | null = null;
export function registry(): RegistryBackend {
  shared ??= registryFromEnv();
  return shared;
}
