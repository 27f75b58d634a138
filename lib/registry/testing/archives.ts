/**
 * Builds real archives for tests: a small tar writer, layer tars with real
 * files inside, and `docker save` / OCI archives with correct digests (or,
 * on request, broken and hostile ones). There is no docker here to make them.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  body?: Buffer | string;
  /** '0' file (default), '5' directory, '1' hard link, '2' symlink, '3' char device, '6' FIFO. */
  type?: '0' | '1' | '2' | '3' | '5' | '6';
  linkname?: string;
}

function header(name: string, size: number, type: string, linkname = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  h.write('14000000000\0', 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write(type, 156, 'latin1');
  h.write(linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function pad(n: number): Buffer {
  return Buffer.alloc((512 - (n % 512)) % 512);
}

/** A ustar archive; names over 100 bytes get a pax `path` record, as GNU tar writes them. */
export function tar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    let name = e.name;
    if (Buffer.byteLength(name) > 100) {
      const rec = (len: number) => `${len} path=${e.name}\n`;
      let len = rec(0).length;
      while (rec(len).length !== len) len = rec(len).length;
      const pax = Buffer.from(rec(len));
      parts.push(header('PaxHeaders/x', pax.length, 'x'), pax, pad(pax.length));
      name = name.slice(0, 100);
    }
    parts.push(header(name, body.length, e.type ?? '0', e.linkname), body, pad(body.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const hex = (d: string) => d.slice('sha256:'.length);

/** A layer: a tar of a few files whose content depends on `seed`. */
export function layerTar(seed: string, extraBytes = 0): Buffer {
  return tar([
    { name: 'etc/', type: '5' },
    { name: `etc/${seed}.conf`, body: `seed=${seed}\n` },
    { name: `opt/${seed}.bin`, body: Buffer.alloc(extraBytes, seed.charCodeAt(0)) },
  ]);
}

export interface ImageSpec {
  layers: Buffer[];
  /** gzip layers in the archive (diff_ids stay those of the plain tars). */
  gzipLayers?: boolean;
  repoTags?: string[] | null;
  created?: string;
  dockerVersion?: string;
  architecture?: string;
}

export function imageConfig(spec: ImageSpec): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: spec.architecture ?? 'amd64',
      os: 'linux',
      created: spec.created ?? '2026-01-02T03:04:05Z',
      docker_version: spec.dockerVersion ?? '24.0.7',
      config: { Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => sha256(l)) },
      history: spec.layers.map(() => ({ created_by: 'test' })),
    }),
  );
}

export interface DockerSaveOptions {
  /** Rewrites the manifest.json items before writing, to break them. */
  mutateManifest?(items: Array<Record<string, unknown>>): void;
  /** Entries appended after the regular ones (hostile extras). */
  extra?: TarEntry[];
  /** Entries dropped by name. */
  drop?: string[];
  /** Replaces an entry's body by name (bad digests). */
  replace?: Record<string, Buffer>;
  /** Puts manifest.json first instead of last. */
  manifestFirst?: boolean;
}

/** The legacy `docker save` layout: `<id>/layer.tar`, `<config hex>.json`, manifest.json. */
export function dockerSave(images: ImageSpec[], o: DockerSaveOptions = {}): Buffer {
  const entries: TarEntry[] = [];
  const items: Array<Record<string, unknown>> = [];
  for (const spec of images) {
    const config = imageConfig(spec);
    const configName = `${hex(sha256(config))}.json`;
    entries.push({ name: configName, body: config });
    const layers: string[] = [];
    spec.layers.forEach((l, i) => {
      const id = hex(sha256(`${configName}/${i}`));
      const body = spec.gzipLayers ? gzipSync(l) : l;
      entries.push({ name: `${id}/`, type: '5' }, { name: `${id}/VERSION`, body: '1.0' }, { name: `${id}/layer.tar`, body });
      layers.push(`${id}/layer.tar`);
    });
    items.push({ Config: configName, RepoTags: spec.repoTags === undefined ? ['example/app:1.0'] : spec.repoTags, Layers: layers });
  }
  o.mutateManifest?.(items);
  const manifest: TarEntry = { name: 'manifest.json', body: JSON.stringify(items) };
  let all = o.manifestFirst ? [manifest, ...entries] : [...entries, manifest];
  all = all.filter((e) => !o.drop?.includes(e.name)).map((e) => (o.replace?.[e.name] ? { ...e, body: o.replace[e.name] } : e));
  return tar([...all, ...(o.extra ?? [])]);
}

export interface OciArchiveOptions {
  /** Annotations on the index.json descriptor. */
  annotations?: Record<string, string>;
  /** Wrap the manifest in a nested index with this platform list (the first real). */
  nestedIndex?: boolean;
  replace?: Record<string, Buffer>;
  drop?: string[];
}

/** An OCI image layout as a tar (what `docker save` writes since 25, or skopeo's oci-archive). */
export function ociArchive(spec: ImageSpec, o: OciArchiveOptions = {}): { tar: Buffer; manifestDigest: string } {
  const blobs = new Map<string, Buffer>();
  const put = (b: Buffer) => {
    const d = sha256(b);
    blobs.set(d, b);
    return d;
  };
  const config = imageConfig(spec);
  const layers = spec.layers.map((l) => (spec.gzipLayers ? gzipSync(l) : l));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(config), size: config.length },
      layers: layers.map((l) => ({
        mediaType: spec.gzipLayers ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
        digest: put(l),
        size: l.length,
      })),
    }),
  );
  const manifestDigest = put(manifest);
  let top = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length };
  if (o.nestedIndex) {
    const nested = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [{ ...top, platform: { architecture: 'amd64', os: 'linux' } }],
      }),
    );
    top = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: put(nested), size: nested.length };
  }
  const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ ...top, annotations: o.annotations ?? { 'org.opencontainers.image.ref.name': '1.0', 'io.containerd.image.name': 'docker.io/example/app:1.0' } }] };
  let entries: TarEntry[] = [
    { name: 'oci-layout', body: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
    { name: 'index.json', body: JSON.stringify(index) },
    { name: 'blobs/', type: '5' },
    { name: 'blobs/sha256/', type: '5' },
    ...[...blobs].map(([d, b]) => ({ name: `blobs/sha256/${hex(d)}`, body: b })),
  ];
  entries = entries.filter((e) => !o.drop?.includes(e.name)).map((e) => (o.replace?.[e.name] ? { ...e, body: o.replace[e.name] } : e));
  return { tar: tar(entries), manifestDigest };
}

export async function writeArchive(file: string, body: Buffer): Promise<string> {
  await writeFile(file, body);
  return file;
}
