/**
 * Reads a Helm chart package (a gzip'd tar, as `helm package` writes it)
 * into memory, within limits: charts are small, and the bounds keep a
 * hostile upload (a gzip bomb, a million entries, `../` names, links) from
 * costing more than refusing it. Every problem is an Invalid on `chart`.
 */
import { gunzipSync } from 'node:zlib';
import { Invalid } from '../errors';

export const CHART_LIMITS = {
  /** The upload as sent (compressed). */
  archiveBytes: 1 << 20,
  /** Everything inside, uncompressed. */
  contentBytes: 8 << 20,
  entries: 1000,
} as const;

const BLOCK = 512;

function refuse(reason: string): never {
  throw new Invalid({ chart: reason });
}

/** The entry's path as the archive means it; absolute paths and `..` are refused. */
export function chartEntryName(raw: string): string {
  if (raw.includes('\0')) refuse('an entry name contains a NUL byte');
  if (raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw)) refuse(`entry "${raw}" has an absolute path`);
  if (raw.includes('\\')) refuse(`entry "${raw}" contains a backslash`);
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) refuse(`entry "${raw}" climbs out of the archive (..)`);
  return parts.join('/');
}

function octal(h: Buffer, start: number, len: number): number {
  const s = h.toString('latin1', start, start + len).replace(/\0.*$/s, '').trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) refuse('not a tar archive (bad number in a header)');
  return parseInt(s, 8);
}

function cstring(h: Buffer, start: number, len: number): string {
  const end = h.indexOf(0, start);
  return h.toString('utf8', start, end >= 0 && end < start + len ? end : start + len);
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === octal(h, 148, 8);
}

function paxPath(buf: Buffer): string | undefined {
  let i = 0;
  let path: string | undefined;
  while (i < buf.length) {
    const sp = buf.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(buf.toString('ascii', i, sp), 10);
    if (!Number.isFinite(len) || len <= 0 || i + len > buf.length) refuse('not a tar archive (bad pax header)');
    const rec = buf.toString('utf8', sp + 1, i + len - 1);
    if (rec.startsWith('path=')) path = rec.slice(5);
    i += len;
  }
  return path;
}

const LINKS: Record<string, string> = { '1': 'a hard link', '2': 'a symbolic link', '3': 'a character device', '4': 'a block device', '6': 'a FIFO' };

/** The regular files of the archive by normalized path. */
export function readChartArchive(archive: Buffer): Map<string, Buffer> {
  if (archive.length === 0) refuse('the file is empty');
  if (archive.length > CHART_LIMITS.archiveBytes) refuse(`larger than ${CHART_LIMITS.archiveBytes} bytes`);
  if (archive[0] !== 0x1f || archive[1] !== 0x8b) refuse('not a gzip-compressed tar archive (helm package writes .tgz)');
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: CHART_LIMITS.contentBytes + 64 * BLOCK });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || (err as Error).message?.includes('maxOutputLength')) {
      refuse(`unpacks to more than ${CHART_LIMITS.contentBytes} bytes`);
    }
    refuse('not a valid gzip stream');
  }
  const files = new Map<string, Buffer>();
  let longName: string | undefined;
  let content = 0;
  let entries = 0;
  for (let off = 0; off + BLOCK <= tar.length; ) {
    const h = tar.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) refuse('not a tar archive (header checksum mismatch)');
    const type = String.fromCharCode(h[156] || 0x30);
    const size = octal(h, 124, 12);
    const bodyStart = off + BLOCK;
    if (bodyStart + size > tar.length) refuse('the archive is truncated');
    const body = tar.subarray(bodyStart, bodyStart + size);
    off = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') { longName = paxPath(body); continue; }
    if (type === 'L') { longName = body.toString('utf8').replace(/\0+$/, ''); continue; }
    if (type === 'g') continue;
    const prefix = h.toString('latin1', 257, 262) === 'ustar' ? cstring(h, 345, 155) : '';
    const raw = longName ?? (prefix ? `${prefix}/${cstring(h, 0, 100)}` : cstring(h, 0, 100));
    longName = undefined;
    const name = chartEntryName(raw);
    if (LINKS[type]) refuse(`entry "${raw}" is ${LINKS[type]}; charts with links or devices are not accepted`);
    if (++entries > CHART_LIMITS.entries) refuse(`more than ${CHART_LIMITS.entries} entries`);
    if (type === '5') continue;
    if (type !== '0' && type !== '7') refuse(`entry "${raw}" has an unsupported type "${type}"`);
    if (name === '') refuse('an entry has an empty name');
    if (files.has(name)) refuse(`entry "${name}" appears twice`);
    content += size;
    if (content > CHART_LIMITS.contentBytes) refuse(`unpacks to more than ${CHART_LIMITS.contentBytes} bytes`);
    files.set(name, Buffer.from(body));
  }
  if (files.size === 0) refuse('the archive holds no files');
  return files;
}
