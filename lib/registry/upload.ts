/**
 * Writes a request body to a file as it arrives, so an archive of gigabytes
 * never sits in memory, and stops at `maxBytes` with nothing left behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PayloadTooLarge } from '@/lib/errors';

type Env = Record<string, string | undefined>;

export const DEFAULT_UPLOAD_MAX_BYTES = 2 * 1024 ** 3;

/** PIER_UPLOAD_MAX_BYTES, default 2 GiB. */
export function uploadMaxBytes(env: Env = process.env): number {
  const n = Number(env.PIER_UPLOAD_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_UPLOAD_MAX_BYTES;
}

export interface ReceivedUpload {
  file: string;
  bytes: number;
}

export async function receiveUpload(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  opts: { maxBytes: number; dir: string; onProgress?(bytes: number): void },
): Promise<ReceivedUpload> {
  await mkdir(opts.dir, { recursive: true });
  const file = path.join(opts.dir, `upload-${randomBytes(8).toString('hex')}`);
  const fh = await open(file, 'wx');
  let bytes = 0;
  let ok = false;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (bytes > opts.maxBytes) throw new PayloadTooLarge(`the upload is larger than ${opts.maxBytes} bytes`);
      await fh.write(chunk);
      opts.onProgress?.(bytes);
    }
    ok = true;
    return { file, bytes };
  } finally {
    await fh.close();
    if (!ok) await unlink(file).catch(() => {});
  }
}
