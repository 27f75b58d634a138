/**
 * The benches' `docker save` archive: pseudo-random layers (incompressible,
 * the same for a given size) with their diff_ids in the config, a
 * manifest.json and a RepoTag of bench/big:1. Used by bench-registry.ts and
 * bench-upload-rounds.ts.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';

const MB = 1024 * 1024;

function write(out: WriteStream, b: Buffer): Promise<void> {
  return new Promise((resolve, reject) => (out.write(b, (e) => (e ? reject(e) : resolve()))));
}

function tarHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('14000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}
const pad = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);

/** A layer tar with one file of `bytes` pseudo-random bytes; returns its sha256. */
async function writeLayer(file: string, bytes: number, seed: number): Promise<string> {
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  const put = async (b: Buffer) => {
    hash.update(b);
    await write(out, b);
  };
  await put(tarHeader(`data/blob-${seed}.bin`, bytes));
  let block = createHash('sha512').update(String(seed)).digest();
  const chunk = Buffer.alloc(MB);
  for (let done = 0; done < bytes; ) {
    for (let i = 0; i < chunk.length; i += 64) {
      block = createHash('sha512').update(block).digest();
      block.copy(chunk, i);
    }
    const n = Math.min(chunk.length, bytes - done);
    await put(chunk.subarray(0, n));
    done += n;
  }
  await put(pad(bytes));
  await put(Buffer.alloc(1024));
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return `sha256:${hash.digest('hex')}`;
}

async function appendFile(out: WriteStream, name: string, file: string): Promise<void> {
  const size = (await stat(file)).size;
  await write(out, tarHeader(name, size));
  for await (const c of createReadStream(file, { highWaterMark: MB })) await write(out, c as Buffer);
  await write(out, pad(size));
}

/** Writes `bench-<totalMb>.tar` into `dir`: one layer per ~100 MB (1 to 5); returns its path. */
export async function buildArchive(dir: string, totalMb: number): Promise<string> {
  const layers = Math.max(1, Math.min(5, Math.round(totalMb / 100)));
  const files: string[] = [];
  const diffIds: string[] = [];
  for (let i = 0; i < layers; i++) {
    const f = path.join(dir, `layer${i}.tar`);
    diffIds.push(await writeLayer(f, Math.floor((totalMb * MB) / layers), i));
    files.push(f);
  }
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: new Date().toISOString(), rootfs: { type: 'layers', diff_ids: diffIds } }));
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  const archive = path.join(dir, `bench-${totalMb}.tar`);
  const out = createWriteStream(archive);
  await write(out, tarHeader(configName, config.length));
  await write(out, Buffer.concat([config, pad(config.length)]));
  for (let i = 0; i < files.length; i++) await appendFile(out, `l${i}/layer.tar`, files[i]);
  const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: ['bench/big:1'], Layers: files.map((_, i) => `l${i}/layer.tar`) }]));
  await write(out, tarHeader('manifest.json', manifest.length));
  await write(out, Buffer.concat([manifest, pad(manifest.length), Buffer.alloc(1024)]));
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  for (const f of files) await rm(f);
  return archive;
}
