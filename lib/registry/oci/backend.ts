/**
 * `PIER_REGISTRY=oci`: images in any OCI Distribution v2 registry. Archives
 * are staged and verified locally as for the embedded backend, then pushed:
 * blobs Pier's HEAD finds already there are skipped, the rest go up as one
 * streamed PUT each (monolithic upload), then the manifest under each tag.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Conflict } from '@/lib/errors';
import { prepareImages, type PreparedImage, type StagedBlob } from '../archive/prepare';
import { stageArchive } from '../archive/stage';
import { describe } from '../describe';
import { MANIFEST_ACCEPT, referencedDigestsSafe, type Descriptor } from '../media';
import type { ArchiveSource, GcResult, ImportedImage, ImportOptions, RegistryBackend, StorageInfo } from '../types';
import { DistributionClient, repoScope } from './client';

export interface OciRegistryOptions {
  url: string;
  username?: string;
  password?: string;
  /** Host shown in pull commands; default the URL's host. */
  pullHost?: string;
  /** The registry's storage directory when it is on a filesystem Pier can see (for free/total space). */
  storageDir?: string;
  /** Where archives are staged before the push. */
  stagingDir: string;
}

const PAGE = 1000;
const PARALLEL = 8;

export class OciRegistry implements RegistryBackend {
  readonly kind = 'oci' as const;
  readonly client: DistributionClient;

  constructor(private readonly o: OciRegistryOptions) {
    const base = new URL(o.url.endsWith('/') ? o.url : `${o.url}/`);
    this.client = new DistributionClient(base, { username: o.username, password: o.password });
  }

  pullHost(): string {
    return this.o.pullHost ?? this.client.base.host;
  }

  async importArchive(source: ArchiveSource, opts: ImportOptions): Promise<ImportedImage[]> {
    await mkdir(this.o.stagingDir, { recursive: true });
    const dir = await mkdtemp(path.join(this.o.stagingDir, 'import-'));
    try {
      const staged = await stageArchive(source, dir, (doneBytes, totalBytes) => opts.onProgress?.({ phase: 'verify', doneBytes, totalBytes }));
      const prepared = await prepareImages(staged, opts);
      const pushes = prepared.flatMap((p) => [...new Set(p.images.map((i) => i.repository))].map((repository) => ({ p, repository })));
      const totalBytes = pushes.reduce((s, { p }) => s + p.blobs.reduce((b, x) => b + x.size, 0) + p.manifest.size, 0);
      let doneBytes = 0;
      const progress = (n: number) => {
        doneBytes += n;
        opts.onProgress?.({ phase: 'push', doneBytes, totalBytes });
      };
      progress(0);
      for (const { p, repository } of pushes) {
        for (const blob of p.blobs) await this.pushBlob(repository, blob, progress);
        const manifest = await readFile(p.manifest.file);
        for (const img of p.images.filter((i) => i.repository === repository)) {
          await this.putManifest(repository, img.tag, p.manifest.mediaType, manifest);
        }
        progress(p.manifest.size);
      }
      return prepared.flatMap((p: PreparedImage) => p.images);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async pushBlob(repository: string, blob: StagedBlob, progress: (n: number) => void): Promise<void> {
    const scope = repoScope(repository);
    const head = await this.client.request('HEAD', `v2/${repository}/blobs/${blob.digest}`, { scope });
    if (head.status === 200) {
      progress(blob.size);
      return;
    }
    await this.client.expect(head, [404], `checking blob ${blob.digest}`);
    const start = await this.client.expect(
      await this.client.request('POST', `v2/${repository}/blobs/uploads/`, { scope }),
      [202],
      `starting the upload of ${blob.digest}`,
    );
    await start.body?.cancel();
    const location = start.headers.get('location');
    if (!location) throw new Error('the registry started an upload without a Location');
    const put = new URL(location, this.client.base);
    put.searchParams.set('digest', blob.digest);
    const res = await this.client.request('PUT', '', {
      url: put.toString(),
      scope,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
      body: () => {
        const file = createReadStream(blob.file, { highWaterMark: 1 << 20 });
        file.on('data', (c) => progress(c.length));
        return Readable.toWeb(file) as unknown as ReadableStream<Uint8Array>;
      },
    });
    await (await this.client.expect(res, [201], `uploading ${blob.digest}`)).body?.cancel();
  }

  private async putManifest(repository: string, reference: string, mediaType: string, bytes: Buffer): Promise<void> {
    const res = await this.client.request('PUT', `v2/${repository}/manifests/${reference}`, {
      scope: repoScope(repository),
      headers: { 'content-type': mediaType },
      body: () => new Uint8Array(bytes),
    });
    await (await this.client.expect(res, [201], `tagging ${repository}:${reference}`)).body?.cancel();
  }

  /** Repositories that have at least one tag (a registry keeps a repository's name after its last manifest is deleted). */
  async listRepositories(): Promise<string[]> {
    const names: string[] = [];
    for await (const page of this.client.pages<{ repositories?: string[] }>(`v2/_catalog?n=${PAGE}`, 'registry:catalog:*', 'listing repositories')) {
      names.push(...(page?.repositories ?? []));
    }
    const tagged = await mapLimit(names, PARALLEL, async (n) => ((await this.listTags(n)).length ? n : null));
    return tagged.filter((n): n is string => n !== null).sort();
  }

  async listTags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    for await (const page of this.client.pages<{ tags?: string[] | null }>(`v2/${repository}/tags/list?n=${PAGE}`, repoScope(repository, 'pull'), `listing tags of ${repository}`)) {
      tags.push(...(page?.tags ?? []));
    }
    return tags.sort();
  }

  /** The manifest a reference resolves to, with its digest; null when the registry has none. */
  private async getManifest(repository: string, reference: string): Promise<{ d: Descriptor; bytes: Buffer } | null> {
    const res = await this.client.request('GET', `v2/${repository}/manifests/${reference}`, {
      scope: repoScope(repository, 'pull'),
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    await this.client.expect(res, [200], `reading ${repository}:${reference}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const digest = res.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0].trim() || (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType || '';
    return { d: { mediaType, digest, size: bytes.length }, bytes };
  }

  private async getBlob(repository: string, digest: string): Promise<Buffer | null> {
    const res = await this.client.request('GET', `v2/${repository}/blobs/${digest}`, { scope: repoScope(repository, 'pull') });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    await this.client.expect(res, [200], `reading blob ${digest}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async inspect(repository: string, tag: string): Promise<ImportedImage | null> {
    const top = await this.getManifest(repository, tag);
    if (!top) return null;
    return describe(repository, tag, top.d, {
      manifest: async (d) => (d.digest === top.d.digest ? top.bytes : ((await this.getManifest(repository, d.digest))?.bytes ?? null)),
      blob: (digest) => this.getBlob(repository, digest),
    });
  }

  /**
   * Distribution deletes manifests by digest only, which untags every tag on
   * that digest; the other tags on it are put back right after, so deleting
   * `app:1` leaves `app:latest` on the same image in place.
   */
  async deleteTag(repository: string, tag: string): Promise<void> {
    const target = await this.getManifest(repository, tag);
    if (!target) return;
    const others = await mapLimit((await this.listTags(repository)).filter((t) => t !== tag), PARALLEL, async (t) =>
      (await this.headDigest(repository, t)) === target.d.digest ? t : null,
    );
    await this.deleteDigest(repository, target.d.digest);
    for (const t of others) if (t) await this.putManifest(repository, t, target.d.mediaType, target.bytes);
  }

  async deleteRepository(repository: string): Promise<void> {
    const digests = await mapLimit(await this.listTags(repository), PARALLEL, (t) => this.headDigest(repository, t));
    for (const d of new Set(digests)) if (d) await this.deleteDigest(repository, d);
  }

  private async headDigest(repository: string, reference: string): Promise<string | null> {
    const res = await this.client.request('HEAD', `v2/${repository}/manifests/${reference}`, {
      scope: repoScope(repository, 'pull'),
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) return null;
    await this.client.expect(res, [200], `reading ${repository}:${reference}`);
    return res.headers.get('docker-content-digest');
  }

  private async deleteDigest(repository: string, digest: string): Promise<void> {
    const res = await this.client.request('DELETE', `v2/${repository}/manifests/${digest}`, { scope: repoScope(repository, 'delete') });
    await (await this.client.expect(res, [202, 404], `deleting ${repository}@${digest}`)).body?.cancel();
  }

  /**
   * With PIER_REGISTRY_STORAGE_DIR (the registry's storage on a filesystem
   * Pier can read) the numbers are the disk's; without it, used is the sum
   * of the distinct blobs the tags reference and free/total are unknown (0).
   */
  async storage(): Promise<StorageInfo> {
    if (this.o.storageDir) {
      const fs = await statfs(this.o.storageDir);
      return { usedBytes: await duBytes(this.o.storageDir), freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
    }
    const sizes = new Map<string, number>();
    for (const repository of await this.listRepositories()) {
      for (const tag of await this.listTags(repository)) {
        const m = await this.getManifest(repository, tag);
        if (!m) continue;
        sizes.set(m.d.digest, m.d.size);
        for (const b of referencedDigestsSafe(m.bytes)) sizes.set(b.digest, b.size);
      }
    }
    return { usedBytes: [...sizes.values()].reduce((a, b) => a + b, 0), freeBytes: 0, totalBytes: 0 };
  }

  /** The Distribution API has no garbage collection: it is an offline command on the registry host. */
  async garbageCollect(): Promise<GcResult> {
    throw new Conflict(
      'garbage collection of an external registry runs on the registry host (`registry garbage-collect <config.yml>`, with the registry read-only); the Distribution API cannot start it',
    );
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function duBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath ?? e.path, e.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
