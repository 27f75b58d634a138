import { open, rename, type FileHandle } from 'node:fs/promises';

/**
 * The file calls whose order makes the embedded registry durable (open for
 * write and flush, rename into place). Pier uses node:fs; tests pass a
 * recorder to check that every flush happens before the answer.
 */
export interface FsIo {
  open(file: string, flags: string): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
}

export const nodeFsIo: FsIo = { open: (file, flags) => open(file, flags), rename };

/** fsync of a file or a directory (a directory: its entries, after renames into it). */
export async function syncPath(io: FsIo, p: string): Promise<void> {
  const fh = await io.open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
