import { registry, type RegistryBackend } from '../registry';

/**
 * Where the catalog meets the registry backend (lib/registry). The catalog is
 * what users see; the backend holds the bytes. Deletions go to the catalog
 * first, in a transaction, then to the backend: a failure there leaves blobs
 * that garbage collection removes, never a catalog row pointing at nothing.
 */
let override: RegistryBackend | null = null;

/** Tests install a backend of their own (a temporary embedded layout); null returns to the configured one. */
export function setCatalogBackend(b: RegistryBackend | null): void {
  override = b;
}

export function catalogBackend(): RegistryBackend {
  return override ?? registry();
}

export async function removeRepositoriesFromRegistry(paths: string[]): Promise<void> {
  const b = catalogBackend();
  for (const p of paths) await b.deleteRepository(p);
}
