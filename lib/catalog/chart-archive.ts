/**
 * Reads a Helm chart package (a gzip'd tar, as `helm package` writes it)
 * into memory, within limits: charts are small, and the bounds keep a
 * hostile upload (a gzip bomb, a million entries, `../` names, links) from
 * costing more than refusing it. Every problem is an Invalid on `chart`.
 */
import { gunzipSync } from 'node:zlib';
import { TAR_BLOCK, TAR_LINK_TYPES, tarHeader } from '../archive/tar-header';
import { Invalid } from '../errors';

export const CHART_LIMITS = {
  /** The upload as sent (compressed). */
  archiveBytes: 1 << 20,
  /** Everything inside, uncompressed. */
  contentBytes: 8 << 20,
  entries: 1000,
} as const;

const BLOCK = TAR_BLOCK;

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

const tarFields = tarHeader(refuse);

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
    if (!tarFields.checksumOk(h)) refuse('not a tar archive (header checksum mismatch)');
    const type = tarFields.type(h);
    const size = tarFields.size(h);
    const bodyStart = off + BLOCK;
    if (bodyStart + size > tar.length) refuse('the archive is truncated');
    const body = tar.subarray(bodyStart, bodyStart + size);
    off = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') { longName = tarFields.pax(body).path; continue; }
    if (type === 'L') { longName = body.toString('utf8').replace(/\0+$/, ''); continue; }
    if (type === 'g') continue;
    const raw = longName ?? tarFields.name(h);
    longName = undefined;
    const name = chartEntryName(raw);
    if (TAR_LINK_TYPES[type]) refuse(`entry "${raw}" is ${TAR_LINK_TYPES[type]}; charts with links or devices are not accepted`);
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
