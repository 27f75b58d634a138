/**
 * The embedded registry's storage: one OCI image layout (image-spec
 * "image-layout") whose index.json tags each manifest with
 * `org.opencontainers.image.ref.name` = `<repository>:<tag>`, so standard
 * tools read it: `skopeo inspect oci:<root>:<repository>:<tag>`. Blobs are
 * shared by every repository, as in a registry.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { nodeFsIo, syncPath, type FsIo } from '../fs-io';
import { OCI_INDEX, REF_NAME, type Descriptor } from '../media';

export interface IndexFile {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
}

export class Layout {
  constructor(readonly root: string, readonly io: FsIo = nodeFsIo) {}

  get indexFile() {
    return path.join(this.root, 'index.json');
  }
  get lockFile() {
    return path.join(this.root, '.lock');
  }
  get stagingDir() {
    return path.join(this.root, '.staging');
  }
  /** Finished imports' staging directories, moved here to be removed after the answer (EmbeddedRegistry.setAside). */
  get trashDir() {
    return path.join(this.root, '.trash');
  }
  get blobDir() {
    return path.join(this.root, 'blobs', 'sha256');
  }
  blobFile(digest: string): string {
    return path.join(this.blobDir, digest.slice('sha256:'.length));
  }

  async ensure(): Promise<void> {
    await mkdir(this.blobDir, { recursive: true });
    await mkdir(this.stagingDir, { recursive: true });
    await mkdir(this.trashDir, { recursive: true });
    await writeFile(path.join(this.root, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    try {
      await writeFile(this.indexFile, JSON.stringify(emptyIndex()), { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }

  async readIndex(): Promise<IndexFile> {
    try {
      const parsed = JSON.parse(await readFile(this.indexFile, 'utf8')) as IndexFile;
      return { ...parsed, manifests: Array.isArray(parsed.manifests) ? parsed.manifests : [] };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyIndex();
      throw e;
    }
  }

  /**
   * Replaces index.json by rename, so a reader sees the old or the new index,
   * never half of one; `durable`: on the disk before this returns (the new
   * file flushed before the rename, the directory after). Call under the lock.
   */
  async writeIndex(index: IndexFile, durable = false): Promise<void> {
    const tmp = path.join(this.root, `.index.json.${randomBytes(6).toString('hex')}`);
    const fh = await this.io.open(tmp, 'w');
    try {
      await fh.writeFile(JSON.stringify(index));
      if (durable) await fh.datasync();
    } finally {
      await fh.close();
    }
    await this.io.rename(tmp, this.indexFile);
    if (durable) await syncPath(this.io, this.root);
  }

  async readBlob(digest: string): Promise<Buffer | null> {
    try {
      return await readFile(this.blobFile(digest));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}

export function emptyIndex(): IndexFile {
  return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
}

export function refName(repository: string, tag: string): string {
  return `${repository}:${tag}`;
}

/** Splits a ref name this layout wrote; null for entries some other tool added. */
export function splitRefName(d: Descriptor): { repository: string; tag: string } | null {
  const ref = d.annotations?.[REF_NAME];
  if (!ref) return null;
  const colon = ref.lastIndexOf(':');
  if (colon <= 0 || ref.lastIndexOf('/') > colon) return null;
  return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

