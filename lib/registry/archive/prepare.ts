/**
 * Turns a staged archive into the images it holds: verifies every blob
 * against its digest (docker save: each layer tar against the config's
 * rootfs.diff_ids), decides each image's repository and tag, and for docker
 * save archives writes the OCI manifest the registry will keep.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Invalid } from '@/lib/errors';
import {
  CONTAINERD_NAME, DIGEST, OCI_CONFIG, OCI_LAYER, OCI_LAYER_GZIP, OCI_MANIFEST, REF_NAME,
  configInfo, isIndexType, isManifestType, pickPlatform, type Descriptor,
} from '../media';
import { checkRepositoryName, checkTag, checkWorkspace, isRepositoryName, isTag, parseReference } from '../names';
import type { ImportedImage } from '../types';
import type { StagedArchive, StagedEntry } from './stage';

export interface StagedBlob {
  digest: string;
  size: number;
  mediaType: string;
  file: string;
}

export interface PreparedImage {
  manifest: { digest: string; mediaType: string; size: number; file: string };
  /** Config first, then layers, as the manifest lists them. */
  blobs: StagedBlob[];
  /** One per tag the archive asks for (after overrides). */
  images: ImportedImage[];
}

export interface NameOverrides {
  workspace: string;
  imageName?: string;
  tagName?: string;
}

const MAX_JSON_BYTES = 8 << 20;

function refuse(reason: string, field = 'file'): never {
  throw new Invalid({ [field]: reason });
}

async function readJson(entry: StagedEntry, what: string): Promise<unknown> {
  if (entry.size > MAX_JSON_BYTES) refuse(`${what} is larger than ${MAX_JSON_BYTES} bytes`);
  try {
    return JSON.parse(await readFile(entry.file, 'utf8'));
  } catch {
    refuse(`${what} is not valid JSON`);
  }
}

const hexIn = (name: string) => /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/.exec(name)?.[1];

async function magic(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function gunzippedDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), createGunzip(), async function* (src: AsyncIterable<Buffer>) {
    for await (const c of src) hash.update(c);
  });
  return `sha256:${hash.digest('hex')}`;
}

interface Naming {
  /** Image name without host or workspace, when the archive gives one. */
  name: string | null;
  tag: string | null;
}

/** The last path component: `registry.example.com/team/app` lands in a workspace as `app`. */
function namingFromReference(ref: string): Naming {
  const r = parseReference(ref);
  const parts = r.repository.split('/');
  return { name: parts[parts.length - 1] || null, tag: r.tag };
}

function applyOverrides(namings: Naming[], o: NameOverrides): Array<{ repository: string; tag: string }> {
  checkWorkspace(o.workspace);
  if (o.imageName !== undefined) checkRepositoryName(o.imageName, 'image_name');
  if (o.tagName !== undefined) checkTag(o.tagName, 'tag_name');
  const list = namings.length ? namings : [{ name: null, tag: null }];
  const out = new Map<string, { repository: string; tag: string }>();
  for (const n of list) {
    const name = o.imageName ?? n.name;
    if (!name) refuse('the archive does not name its image (no RepoTags or reference annotation); give image_name', 'image_name');
    const tag = o.tagName ?? n.tag ?? 'latest';
    const repository = `${o.workspace}/${name}`;
    if (!isRepositoryName(repository)) refuse(`the archive names its image "${name}", which is not a valid repository name`);
    if (!isTag(tag)) refuse(`the archive tags its image "${tag}", which is not a valid tag`);
    out.set(`${repository}:${tag}`, { repository, tag });
  }
  return [...out.values()];
}

function toImages(names: Array<{ repository: string; tag: string }>, digest: string, size: number, config: unknown): ImportedImage[] {
  const info = configInfo(config);
  return names.map((n) => ({ ...n, digest, size, ...info }));
}

/** Refuses two different images landing on one tag: which would win is arbitrary. */
function checkDistinct(images: PreparedImage[], o: NameOverrides): void {
  const seen = new Map<string, string>();
  for (const p of images) {
    for (const i of p.images) {
      const key = `${i.repository}:${i.tag}`;
      const prev = seen.get(key);
      if (prev && prev !== i.digest) {
        refuse(`the archive holds several images that would all be ${key}`, o.tagName ? 'tag_name' : o.imageName ? 'image_name' : 'file');
      }
      seen.set(key, i.digest);
    }
  }
}

export async function prepareImages(staged: StagedArchive, o: NameOverrides): Promise<PreparedImage[]> {
  const e = staged.entries;
  const prepared = e.has('manifest.json') ? await prepareDockerSave(staged, o) : e.has('index.json') ? await prepareOciLayout(staged, o) : null;
  if (!prepared) refuse('neither a docker save archive (manifest.json) nor an OCI archive (index.json)');
  if (prepared.length === 0) refuse('the archive holds no image');
  checkDistinct(prepared, o);
  return prepared;
}

interface DockerSaveItem {
  Config?: unknown;
  RepoTags?: unknown;
  Layers?: unknown;
}

async function prepareDockerSave(staged: StagedArchive, o: NameOverrides): Promise<PreparedImage[]> {
  const items = await readJson(staged.entries.get('manifest.json')!, 'manifest.json');
  if (!Array.isArray(items)) refuse('manifest.json is not a list of images');
  const out: PreparedImage[] = [];
  for (const [i, raw] of (items as DockerSaveItem[]).entries()) {
    const where = `manifest.json[${i}]`;
    if (typeof raw?.Config !== 'string' || raw.Config === '') refuse(`${where} has no Config`);
    if (!Array.isArray(raw.Layers) || raw.Layers.some((l) => typeof l !== 'string')) refuse(`${where} has no Layers list`);
    const repoTags = raw.RepoTags == null ? [] : raw.RepoTags;
    if (!Array.isArray(repoTags) || repoTags.some((t) => typeof t !== 'string')) refuse(`${where}.RepoTags is not a list of names`);

    const configEntry = staged.entries.get(normalize(raw.Config));
    if (!configEntry) refuse(`${where} names config "${raw.Config}", which the archive does not contain`);
    const configHex = hexIn(configEntry.name);
    if (configHex && `sha256:${configHex}` !== configEntry.digest) refuse(`config "${configEntry.name}" does not match its digest`);
    const config = (await readJson(configEntry, `config "${configEntry.name}"`)) as { rootfs?: { diff_ids?: unknown } };
    const diffIds = config?.rootfs?.diff_ids;
    if (!Array.isArray(diffIds)) refuse(`config "${configEntry.name}" has no rootfs.diff_ids`);
    if (diffIds.length !== raw.Layers.length) refuse(`${where} lists ${raw.Layers.length} layers but its config has ${diffIds.length} diff_ids`);

    const layers: StagedBlob[] = [];
    for (const [j, name] of (raw.Layers as string[]).entries()) {
      const layer = staged.entries.get(normalize(name));
      if (!layer) refuse(`${where} names layer "${name}", which the archive does not contain`);
      const m = await magic(layer.file);
      let diffId = layer.digest;
      let mediaType = OCI_LAYER;
      if (m[0] === 0x1f && m[1] === 0x8b) {
        mediaType = OCI_LAYER_GZIP;
        try {
          diffId = await gunzippedDigest(layer.file);
        } catch {
          refuse(`layer "${name}" is not a valid gzip stream`);
        }
      } else if (m[0] === 0x28 && m[1] === 0xb5 && m[2] === 0x2f && m[3] === 0xfd) {
        refuse(`layer "${name}" is zstd-compressed, which Pier cannot verify; save it uncompressed or gzip'd`);
      }
      const layerHex = hexIn(layer.name);
      if (layerHex && `sha256:${layerHex}` !== layer.digest) refuse(`layer "${name}" does not match its digest`);
      if (diffId !== diffIds[j]) refuse(`layer "${name}" does not match its digest in the config (rootfs.diff_ids[${j}])`);
      layers.push({ digest: layer.digest, size: layer.size, mediaType, file: layer.file });
    }

    const configBlob: StagedBlob = { digest: configEntry.digest, size: configEntry.size, mediaType: OCI_CONFIG, file: configEntry.file };
    const manifestBytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: configBlob.digest, size: configBlob.size },
        layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
      }),
    );
    const digest = `sha256:${createHash('sha256').update(manifestBytes).digest('hex')}`;
    const file = path.join(staged.dir, `manifest-${i}.json`);
    await writeFile(file, manifestBytes);
    const size = configBlob.size + layers.reduce((s, l) => s + l.size, 0);
    const names = applyOverrides((repoTags as string[]).map(namingFromReference), o);
    out.push({
      manifest: { digest, mediaType: OCI_MANIFEST, size: manifestBytes.length, file },
      blobs: [configBlob, ...layers],
      images: toImages(names, digest, size, config),
    });
  }
  return out;
}

function normalize(name: string): string {
  return name.split('/').filter((p) => p !== '' && p !== '.').join('/');
}

function descriptor(d: unknown, where: string): Descriptor {
  const x = d as Descriptor;
  if (!x || typeof x.mediaType !== 'string' || typeof x.digest !== 'string' || typeof x.size !== 'number') {
    refuse(`${where} is not a descriptor (mediaType, digest, size)`);
  }
  if (!DIGEST.test(x.digest)) refuse(`${where} has digest "${x.digest}"; only sha256 digests are accepted`);
  return x;
}

async function prepareOciLayout(staged: StagedArchive, o: NameOverrides): Promise<PreparedImage[]> {
  const layoutEntry = staged.entries.get('oci-layout');
  if (!layoutEntry) refuse('index.json without an oci-layout file');
  const layout = (await readJson(layoutEntry, 'oci-layout')) as { imageLayoutVersion?: unknown };
  if (layout?.imageLayoutVersion !== '1.0.0') refuse('oci-layout is not imageLayoutVersion 1.0.0');
  // Every blob is checked, referenced or not: a wrong one means a damaged archive.
  for (const entry of staged.entries.values()) {
    const m = /^blobs\/sha256\/(.+)$/.exec(entry.name);
    if (m && entry.digest !== `sha256:${m[1]}`) refuse(`blob "${entry.name}" does not match its digest`);
  }
  const blob = (d: Descriptor, where: string): StagedEntry => {
    const entry = staged.entries.get(`blobs/sha256/${d.digest.slice(7)}`);
    if (!entry) refuse(`${where} names blob ${d.digest}, which the archive does not contain`);
    if (entry.size !== d.size) refuse(`${where} says blob ${d.digest} has ${d.size} bytes; it has ${entry.size}`);
    return entry;
  };

  const index = (await readJson(staged.entries.get('index.json')!, 'index.json')) as { manifests?: unknown };
  if (!Array.isArray(index?.manifests)) refuse('index.json has no manifests list');
  const out: PreparedImage[] = [];
  for (const [i, raw] of (index.manifests as unknown[]).entries()) {
    const top = descriptor(raw, `index.json manifests[${i}]`);
    let d = top;
    let where = `index.json manifests[${i}]`;
    for (let depth = 0; isIndexType(d.mediaType); depth++) {
      if (depth >= 2) refuse(`${where} nests indexes too deep`);
      const nested = (await readJson(blob(d, where), `index ${d.digest}`)) as { manifests?: unknown[] };
      const list = Array.isArray(nested?.manifests) ? nested.manifests.map((m, k) => descriptor(m, `index ${d.digest} manifests[${k}]`)) : [];
      const chosen = pickPlatform(list) ?? list.find((m) => isIndexType(m.mediaType));
      if (!chosen) refuse(`index ${d.digest} names no image manifest`);
      where = `index ${d.digest}`;
      d = chosen;
    }
    if (!isManifestType(d.mediaType)) refuse(`${where} names a "${d.mediaType}", not an image manifest`);
    const manifestEntry = blob(d, where);
    const manifest = (await readJson(manifestEntry, `manifest ${d.digest}`)) as { config?: unknown; layers?: unknown };
    const configDesc = descriptor(manifest?.config, `manifest ${d.digest} config`);
    if (!Array.isArray(manifest.layers)) refuse(`manifest ${d.digest} has no layers list`);
    const configEntry = blob(configDesc, `manifest ${d.digest} config`);
    const config = await readJson(configEntry, `config ${configDesc.digest}`);
    const blobs: StagedBlob[] = [{ digest: configEntry.digest, size: configEntry.size, mediaType: configDesc.mediaType, file: configEntry.file }];
    for (const [k, l] of manifest.layers.entries()) {
      const ld = descriptor(l, `manifest ${d.digest} layers[${k}]`);
      const le = blob(ld, `manifest ${d.digest} layers[${k}]`);
      blobs.push({ digest: le.digest, size: le.size, mediaType: ld.mediaType, file: le.file });
    }
    const size = blobs.reduce((s, b) => s + b.size, 0);
    const names = applyOverrides(ociNaming(top.annotations ?? {}), o);
    out.push({
      manifest: { digest: d.digest, mediaType: d.mediaType, size: manifestEntry.size, file: manifestEntry.file },
      blobs,
      images: toImages(names, d.digest, size, config),
    });
  }
  return out;
}

/**
 * `org.opencontainers.image.ref.name` is a bare tag in most archives (docker,
 * buildkit) but a whole reference in some (skopeo); containerd adds the whole
 * reference as `io.containerd.image.name`.
 */
function ociNaming(a: Record<string, string>): Naming[] {
  const full = a[CONTAINERD_NAME] ? namingFromReference(a[CONTAINERD_NAME]) : null;
  const ref = a[REF_NAME];
  if (ref && isTag(ref)) return [{ name: full?.name ?? null, tag: ref }];
  if (ref) {
    const r = namingFromReference(ref);
    return [{ name: r.name ?? full?.name ?? null, tag: r.tag ?? full?.tag ?? null }];
  }
  return full ? [full] : [];
}
