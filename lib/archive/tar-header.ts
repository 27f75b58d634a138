/**
 * The parts of a tar header both of Pier's archive readers need (image
 * archives in lib/registry/archive, Helm charts in lib/catalog): numbers,
 * names, the checksum, pax records, and the entry types Pier refuses. Each
 * reader passes its own `refuse`, so a bad header becomes that reader's error
 * on that reader's field.
 */
export const TAR_BLOCK = 512;

/** Entry types that are not plain files or directories, in words for the refusal. */
export const TAR_LINK_TYPES: Record<string, string> = {
  '1': 'a hard link',
  '2': 'a symbolic link',
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
};

export type Refuse = (reason: string) => never;

export function tarHeader(refuse: Refuse) {
  function number(h: Buffer, start: number, len: number): number {
    // GNU base-256 (sizes over 8 GiB): the first byte's high bit is set.
    if (h[start] & 0x80) {
      let v = 0;
      for (let i = start + 1; i < start + len; i++) v = v * 256 + h[i];
      return v;
    }
    const s = h.toString('latin1', start, start + len).replace(/\0.*$/s, '').trim();
    if (s === '') return 0;
    if (!/^[0-7]+$/.test(s)) refuse('not a tar archive (bad number in a header)');
    return parseInt(s, 8);
  }

  /** A NUL-terminated field. */
  function string(h: Buffer, start: number, len: number): string {
    const end = h.indexOf(0, start);
    return h.toString('utf8', start, end >= 0 && end < start + len ? end : start + len);
  }

  return {
    number,
    string,
    /** The header's sum with its checksum field read as spaces. */
    checksumOk(h: Buffer): boolean {
      const stored = number(h, 148, 8);
      let sum = 0;
      for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
      return sum === stored;
    },
    /** The entry's size field. */
    size: (h: Buffer) => number(h, 124, 12),
    /** The type flag (`0` for an old header's NUL). */
    type: (h: Buffer) => String.fromCharCode(h[156] || 0x30),
    /** The name a plain header gives: ustar's prefix joined to the name field. */
    name(h: Buffer): string {
      const prefix = h.toString('latin1', 257, 262) === 'ustar' ? string(h, 345, 155) : '';
      return prefix ? `${prefix}/${string(h, 0, 100)}` : string(h, 0, 100);
    },
    /** A pax extended header's `key=value` records. */
    pax(body: Buffer): Record<string, string> {
      const out: Record<string, string> = {};
      let i = 0;
      while (i < body.length) {
        const sp = body.indexOf(0x20, i);
        if (sp < 0) break;
        const len = parseInt(body.toString('ascii', i, sp), 10);
        if (!Number.isFinite(len) || len <= 0 || i + len > body.length) refuse('not a tar archive (bad pax header)');
        const rec = body.toString('utf8', sp + 1, i + len - 1);
        const eq = rec.indexOf('=');
        if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
        i += len;
      }
      return out;
    },
  };
}
