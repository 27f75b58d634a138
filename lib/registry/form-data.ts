/**
 * A streaming multipart/form-data reader (RFC 7578) for uploads: fields are
 * read as text, the file part is handed on as it arrives, as subarrays of
 * the request's own chunks. The delimiter is found with Buffer#indexOf (a
 * native search), not looked for in bytes the part's reader has called
 * content (CONTENT_UNTIL), and only the few bytes that may hold a delimiter split
 * across two chunks are ever copied. It does what the upload needs and no
 * more: no nested multipart, no per-part transfer encodings (browsers and
 * curl send neither).
 */
import { lendLike } from '@/lib/http/borrowed-chunks';
import { Invalid } from '@/lib/errors';

const CRLF = Buffer.from('\r\n');
const MAX_HEADER_BYTES = 16 << 10;

export interface FormPart {
  name: string;
  /** null for a plain field. */
  filename: string | null;
  contentType: string;
}

const MALFORMED = 'malformed multipart/form-data';

function malformed(why: string): never {
  throw new Invalid({ body: `${MALFORMED}: ${why}` });
}

/** The boundary of a `multipart/form-data; boundary=…` content type, or null. */
export function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"((?:[^"\\]|\\.)+)"|([^\s;]+))/i.exec(contentType);
  const b = m ? (m[1]?.replace(/\\(.)/g, '$1') ?? m[2]) : null;
  return b && b.length <= 70 ? b : null;
}

/** A web stream's chunks as Buffers, without a Node stream in between. */
export async function* webChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  } finally {
    reader.releaseLock();
  }
}

type State = 'preamble' | 'body' | 'delimited' | 'done';

/**
 * A part's reader may learn where its content goes on from the content itself
 * (a tar entry's header gives the entry's size). It then says so through this
 * method of the part's stream: "the part's bytes before offset `end` (from the
 * part's start) are content". A sender must not put the delimiter inside a
 * part's content (RFC 2046 5.1.1), so no delimiter starts before `end`, and
 * the search skips those bytes. A wrong claim (a truncated archive) only
 * moves the error: the delimiter is then read as content, and the body ends
 * without one (ClaimedContentMissing, which the claimant reports in its own
 * terms) or a later delimiter ends the part.
 */
const CONTENT_UNTIL: unique symbol = Symbol('pier.formContentUntil');

type ContentUntil = { [CONTENT_UNTIL]?: (end: number) => void };

/** The body ended inside a part before the content claimed for it (CONTENT_UNTIL): the claimant's data was cut short. */
export class ClaimedContentMissing extends Invalid {
  constructor() {
    super({ body: `${MALFORMED}: the body ends inside a part` });
  }
}

/** Tells `stream` (a part's body, else nothing happens) that its bytes before `end` are content. */
export function contentUntil(stream: object, end: number): void {
  (stream as ContentUntil)[CONTENT_UNTIL]?.(end);
}

export class FormDataReader {
  private readonly delimiter: Buffer;
  private readonly it: AsyncIterator<Uint8Array>;
  private readonly source: object;
  /** Bytes read from the source and not consumed yet. */
  private buf: Buffer = CRLF; // the first delimiter has no CRLF before it
  private ended = false;
  private state: State = 'preamble';
  private parts = 0;
  /** Bytes of the current part handed out so far: the part offset of `buf[0]` while in 'body'. */
  private partOffset = 0;
  /** No delimiter starts before this part offset (CONTENT_UNTIL). */
  private contentEnd = 0;

  constructor(source: AsyncIterable<Uint8Array>, boundary: string, private readonly maxParts = 32) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
    this.it = source[Symbol.asyncIterator]();
    this.source = source;
  }

  /** The next part's headers (the rest of the current part skipped), or null after the last. */
  async next(): Promise<FormPart | null> {
    if (this.state === 'preamble' || this.state === 'body') {
      for await (const _ of this.scan()) void _;
    }
    if (this.state === 'done') return null;
    // After a delimiter: `--` ends the form, else optional padding and CRLF, then the part's headers.
    await this.want(2);
    if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
      this.state = 'done';
      return null;
    }
    const head = await this.until(Buffer.from('\r\n\r\n'), MAX_HEADER_BYTES, 'part headers too long');
    const lines = head.toString('utf8').split('\r\n');
    if (lines.shift()!.trim() !== '') malformed('no line break after a boundary');
    if (++this.parts > this.maxParts) malformed(`more than ${this.maxParts} parts`);
    let disposition = '';
    let contentType = 'text/plain';
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) malformed('a part header without a name');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-disposition') disposition = value;
      else if (name === 'content-type') contentType = value;
    }
    const params = dispositionParams(disposition);
    if (params === null || params.name === undefined) malformed('a part without Content-Disposition: form-data; name=…');
    this.state = 'body';
    this.partOffset = 0;
    this.contentEnd = 0;
    return { name: params.name, filename: params.filename ?? null, contentType };
  }

  /** The current part's body as text; over `maxBytes` it is refused naming `field`. */
  async text(maxBytes: number, field: string): Promise<string> {
    const out: Buffer[] = [];
    let n = 0;
    for await (const c of this.scan()) {
      n += c.length;
      if (n > maxBytes) throw new Invalid({ [field]: `at most ${maxBytes} bytes` });
      out.push(Buffer.from(c));
    }
    return Buffer.concat(out).toString('utf8');
  }

  /**
   * The current part's body as it arrives. Stopping early leaves the reader
   * where it stopped (nothing is destroyed): `drain()` then reads the rest.
   */
  body(): AsyncIterable<Buffer> {
    // A source that lends its chunks (an upload's body) makes the part's pieces lent too: they are subarrays of them.
    const body = {
      [Symbol.asyncIterator]: () => this.scan(),
      [CONTENT_UNTIL]: (end: number) => {
        if (end > this.contentEnd) this.contentEnd = end;
      },
    };
    return lendLike(body, this.source);
  }

  /** Reads the request to its end, so that the client gets its answer after sending everything. */
  async drain(): Promise<void> {
    this.state = 'done';
    this.buf = Buffer.alloc(0);
    while (!this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
    }
  }

  /**
   * Yields the current part's bytes up to the next delimiter and stops just
   * after it. State lives on the reader, not here, so a consumer that stops
   * iterating loses nothing.
   */
  private async *scan(): AsyncGenerator<Buffer> {
    // The part was read to its delimiter already: nothing more is its.
    if (this.state === 'delimited' || this.state === 'done') return;
    const d = this.delimiter;
    const keep = d.length - 1;
    for (;;) {
      // Bytes the consumer has called content hold no delimiter's start. (`known` holds until the next yield: only then can the consumer claim more.)
      const known = this.contentEnd - this.partOffset;
      const i = known < this.buf.length ? this.buf.indexOf(d, Math.max(0, known)) : -1;
      if (i >= 0) {
        const out = this.buf.subarray(0, i);
        this.buf = this.buf.subarray(i + d.length);
        this.state = 'delimited';
        this.partOffset += out.length;
        if (out.length) yield out;
        return;
      }
      const chunk = await this.read();
      if (chunk === null) {
        if (known > this.buf.length) throw new ClaimedContentMissing();
        malformed('the body ends inside a part');
      }
      const old = this.buf;
      if (old.length === 0) {
        this.buf = chunk;
        continue;
      }
      // `old` holds no delimiter; one may start in its last `keep` bytes and end in `chunk`.
      const seamAt = Math.max(0, old.length - keep);
      if (known >= old.length) {
        // All of `old` is content: no delimiter starts in it.
        this.buf = chunk;
        this.partOffset += old.length;
        yield old;
        continue;
      }
      if (chunk.length < keep) {
        this.buf = Buffer.concat([old.subarray(seamAt), chunk]);
        this.partOffset += seamAt;
        if (seamAt > 0) yield old.subarray(0, seamAt);
        continue;
      }
      const seam = Buffer.concat([old.subarray(seamAt), chunk.subarray(0, keep)]);
      const j = seam.indexOf(d);
      if (j >= 0) {
        this.buf = chunk.subarray(j + d.length - (old.length - seamAt));
        this.state = 'delimited';
        this.partOffset += seamAt + j;
        if (seamAt + j > 0) yield old.subarray(0, seamAt + j);
        return;
      }
      this.buf = chunk;
      this.partOffset += old.length;
      yield old;
    }
  }

  private async read(): Promise<Buffer | null> {
    if (this.ended) return null;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return null;
    }
    const v = r.value;
    return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }

  /** At least `n` bytes in `buf`. */
  private async want(n: number): Promise<void> {
    while (this.buf.length < n) {
      const c = await this.read();
      if (c === null) malformed('the body ends after a boundary');
      this.buf = Buffer.concat([this.buf, c]);
    }
  }

  /** The bytes up to `mark` (consumed with it), at most `max` of them. */
  private async until(mark: Buffer, max: number, tooLong: string): Promise<Buffer> {
    for (;;) {
      const i = this.buf.indexOf(mark);
      if (i >= 0) {
        const out = this.buf.subarray(0, i);
        this.buf = this.buf.subarray(i + mark.length);
        return out;
      }
      if (this.buf.length > max) malformed(tooLong);
      const c = await this.read();
      if (c === null) malformed('the body ends inside part headers');
      this.buf = Buffer.concat([this.buf, c]);
    }
  }
}

/** `form-data; name="image"; filename="a.tar"` → its parameters; null when it is not form-data. */
function dispositionParams(v: string): Record<string, string> | null {
  const m = /^form-data\s*(;|$)/i.exec(v);
  if (!m) return null;
  const out: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let r = re.exec(v); r; r = re.exec(v)) {
    const key = r[1].toLowerCase();
    if (key in out) continue;
    out[key] = r[2] !== undefined ? r[2].replace(/\\(.)/g, '$1') : r[3].trim();
  }
  return out;
}
