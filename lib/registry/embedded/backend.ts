/**
 * `PIER_REGISTRY=embedded`: images in an OCI image layout under
 * PIER_DATA_DIR/registry. Imports stage and verify outside the lock, then
 * move blobs in and swap index.json under it: concurrent imports of one tag
 * end with the last one tagged and an index that is always whole.
 */
import { mkdtemp, readdir, rename, rm, rmdir, stat, statfs, unlink } from 'node:fs/promises';
import path from 'node:path';
import { prepareImages } from '../archive/prepare';
import { stageArchive } from '../archive/stage';
import { describe, referencedDigests } from '../describe';
import { REF_NAME, type Descriptor } from '../media';
import type { ArchiveSource, GcProgress, GcResult, ImportedImage, ImportOptions, RegistryBackend, StorageInfo } from '../types';
import { nodeFsIo, syncPath, type FsIo } from '../fs-io';
import { Layout, refName, splitRefName } from './layout';
import { withDirLock } from './lock';

/** Staging dirs older than this belong to a crashed import; GC removes them. */
const STALE_STAGING_MS = 6 * 3600_000;

export class EmbeddedRegistry implements RegistryBackend {
  readonly kind = 'embedded' as const;
  readonly layout: Layout;
  private ready: Promise<void> | null = null;
  /** Removals of set-aside staging directories still running (setAside). */
  private readonly removals = new Set<Promise<void>>();

  /**
   * `durable` (default; PIER_REGISTRY_FSYNC=0 turns it off): an import returns
   * only once its blobs and the index are on the disk, so a tag the catalog
   * records survives a crash. Large layers are flushed while the archive
   * still arrives (archive/stage.ts); the rest costs a few fsyncs at the end.
   */
  readonly durable: boolean;

  constructor(root: string, private readonly host: string, opts: { durable?: boolean; io?: FsIo } = {}) {
    this.layout = new Layout(root, opts.io ?? nodeFsIo);
    this.durable = opts.durable ?? true;
  }

  private ensure(): Promise<void> {
    this.ready ??= this.layout.ensure().catch((e) => {
      this.ready = null;
      throw e;
    });
    return this.ready;
  }

  pullHost(): string {
    return this.host;
  }

  async importArchive(source: ArchiveSource, opts: ImportOptions): Promise<ImportedImage[]> {
    await this.ensure();
    const dir = await mkdtemp(path.join(this.layout.stagingDir, 'import-'));
    let stored = false;
    try {
      const staged = await stageArchive(source, dir, (doneBytes, totalBytes) => opts.onProgress?.({ phase: 'verify', doneBytes, totalBytes }), { durable: this.durable, io: this.layout.io });
      const prepared = await prepareImages(staged, opts);
      const moves = new Map<string, { file: string; size: number }>();
      for (const p of prepared) {
        for (const b of p.blobs) moves.set(b.digest, { file: b.file, size: b.size });
        moves.set(p.manifest.digest, { file: p.manifest.file, size: p.manifest.size });
      }
      const totalBytes = [...moves.values()].reduce((s, m) => s + m.size, 0);
      if (this.durable) await Promise.all([...moves.values()].filter((m) => !staged.synced.has(m.file)).map((m) => syncPath(this.layout.io, m.file)));
      return await withDirLock(this.layout.lockFile, async () => {
        let doneBytes = 0;
        let moved = 0;
        opts.onProgress?.({ phase: 'push', doneBytes, totalBytes });
        for (const [digest, m] of moves) {
          const dest = this.layout.blobFile(digest);
          if (!(await exists(dest))) {
            await this.layout.io.rename(m.file, dest);
            moved++;
          }
          doneBytes += m.size;
          opts.onProgress?.({ phase: 'push', doneBytes, totalBytes });
        }
        if (this.durable && moved > 0) await syncPath(this.layout.io, this.layout.blobDir);
        const index = await this.layout.readIndex();
        const images = prepared.flatMap((p) => p.images.map((i) => ({ i, p })));
        const replaced = new Set(images.map(({ i }) => refName(i.repository, i.tag)));
        index.manifests = index.manifests.filter((d) => !replaced.has(d.annotations?.[REF_NAME] ?? ''));
        for (const { i, p } of images) {
          index.manifests.push({
            mediaType: p.manifest.mediaType,
            digest: p.manifest.digest,
            size: p.manifest.size,
            annotations: { [REF_NAME]: refName(i.repository, i.tag) },
          });
        }
        await this.layout.writeIndex(index, this.durable);
        stored = true;
        return images.map(({ i }) => i);
      });
    } finally {
      if (stored) await this.setAside(dir);
      else await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * A stored import's staging directory holds only what the store did not
   * take: files it already had (layers uploaded again) and the archive's
   * own bookkeeping (manifest.json). Removing a large one waits for the kernel
   * to free all its cached pages (346 ms for a 500 MB layer here), so the
   * directory is moved into .trash and removed after the answer. An empty
   * one is removed at once. GC removes what a crash left in .trash.
   */
  private async setAside(dir: string): Promise<void> {
    try {
      if ((await readdir(dir)).length === 0) return await rmdir(dir);
      const aside = path.join(this.layout.trashDir, path.basename(dir));
      await rename(dir, aside);
      const removal = rm(aside, { recursive: true, force: true }).catch(() => {}).finally(() => this.removals.delete(removal));
      this.removals.add(removal);
    } catch {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Waits for the removals setAside started. */
  async trashEmptied(): Promise<void> {
    await Promise.all([...this.removals]);
  }

  private async tagged(): Promise<Array<{ repository: string; tag: string; d: Descriptor }>> {
    const index = await this.layout.readIndex();
    return index.manifests.flatMap((d) => {
      const r = splitRefName(d);
      return r ? [{ ...r, d }] : [];
    });
  }

  async listRepositories(): Promise<string[]> {
    return [...new Set((await this.tagged()).map((t) => t.repository))].sort();
  }

  async listTags(repository: string): Promise<string[]> {
    return (await this.tagged()).filter((t) => t.repository === repository).map((t) => t.tag).sort();
  }

  async inspect(repository: string, tag: string): Promise<ImportedImage | null> {
    const hit = (await this.tagged()).find((t) => t.repository === repository && t.tag === tag);
    if (!hit) return null;
    return describe(repository, tag, hit.d, {
      manifest: (d) => this.layout.readBlob(d.digest),
      blob: (digest) => this.layout.readBlob(digest),
    });
  }

  /** Removes the tag; its blobs stay until garbage collection. Missing tags are not an error. */
  async deleteTag(repository: string, tag: string): Promise<void> {
    await this.untag((r, t) => r === repository && t === tag);
  }

  async deleteRepository(repository: string): Promise<void> {
    await this.untag((r) => r === repository);
  }

  private async untag(match: (repository: string, tag: string) => boolean): Promise<void> {
    await this.ensure();
    await withDirLock(this.layout.lockFile, async () => {
      const index = await this.layout.readIndex();
      const kept = index.manifests.filter((d) => {
        const r = splitRefName(d);
        return !r || !match(r.repository, r.tag);
      });
      if (kept.length !== index.manifests.length) await this.layout.writeIndex({ ...index, manifests: kept }, this.durable);
    });
  }

  async storage(): Promise<StorageInfo> {
    await this.ensure();
    let usedBytes = 0;
    for (const name of await readdir(this.layout.blobDir)) {
      usedBytes += (await stat(path.join(this.layout.blobDir, name)).catch(() => ({ size: 0 }))).size;
    }
    const fs = await statfs(this.layout.root);
    return { usedBytes, freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
  }

  /** Mark every blob reachable from index.json, sweep the rest; under the lock, so no import is half-visible. */
  async garbageCollect(onProgress?: (p: GcProgress) => void): Promise<GcResult> {
    await this.ensure();
    return withDirLock(this.layout.lockFile, async () => {
      const index = await this.layout.readIndex();
      const marked = new Set<string>();
      const queue: Descriptor[] = [...index.manifests];
      let done = 0;
      while (queue.length) {
        const d = queue.shift()!;
        onProgress?.({ phase: 'mark', done: done++, total: done + queue.length });
        if (marked.has(d.digest)) continue;
        marked.add(d.digest);
        const bytes = await this.layout.readBlob(d.digest);
        if (!bytes) continue;
        const refs = referencedDigests(bytes);
        refs.blobs.forEach((b) => marked.add(b));
        queue.push(...refs.children);
      }
      onProgress?.({ phase: 'mark', done, total: done });
      const names = await readdir(this.layout.blobDir);
      let removedBlobs = 0;
      let freedBytes = 0;
      for (const [i, name] of names.entries()) {
        if (!marked.has(`sha256:${name}`)) {
          const file = path.join(this.layout.blobDir, name);
          const s = await stat(file).catch(() => null);
          if (s) {
            await unlink(file);
            removedBlobs++;
            freedBytes += s.size;
          }
        }
        onProgress?.({ phase: 'sweep', done: i + 1, total: names.length });
      }
      await this.removeStaleStaging();
      return { removedBlobs, freedBytes };
    });
  }

  /** Staging directories of crashed imports, and whatever a crash left in .trash. */
  private async removeStaleStaging(): Promise<void> {
    await this.trashEmptied();
    for (const name of await readdir(this.layout.trashDir)) await rm(path.join(this.layout.trashDir, name), { recursive: true, force: true }).catch(() => {});
    for (const name of await readdir(this.layout.stagingDir)) {
      const dir = path.join(this.layout.stagingDir, name);
      const s = await stat(dir).catch(() => null);
      if (s && Date.now() - s.mtimeMs > STALE_STAGING_MS) await rm(dir, { recursive: true, force: true });
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
