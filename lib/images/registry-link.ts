/**
 * Where the catalog meets the registry backend (lib/registry, built by
 * another part). The catalog is the source of truth for what users see; the
 * backend holds the bytes. Deletions go to the catalog first, in a
 * transaction, and then to the backend: a failure there leaves blobs that
 * garbage collection removes, never a catalog row pointing at nothing.
 */
export interface CatalogBackend {
  /** Removes every tag and manifest of `workspace/repo`. */
  deleteRepository(path: string): Promise<void>;
  /** Removes one tag; the manifest goes when no other tag of the repository points at `digest`. */
  deleteTag(path: string, tag: string, digest: string, digestStillTagged: boolean): Promise<void>;
}

let backend: CatalogBackend | null = null;

/** Installed once at start (and by tests) with the configured registry backend. */
export function useCatalogBackend(b: CatalogBackend | null): void {
  backend = b;
}

export function catalogBackend(): CatalogBackend | null {
  return backend;
}

export async function removeRepositoriesFromRegistry(paths: string[]): Promise<void> {
  if (!backend) return;
  for (const p of paths) await backend.deleteRepository(p);
}
