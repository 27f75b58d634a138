import { describe, expect, it } from 'vitest';
import { Invalid } from '@/lib/errors';
import { ClaimedContentMissing, FormDataReader, boundaryOf, contentUntil, webChunks } from './form-data';

const B = '----pier-test-boundary-7f3a';

/** A form as browsers send it: each part after `--boundary`, the last boundary closed with `--`. */
function form(parts: Array<{ name: string; filename?: string; body: Buffer | string }>, epilogue = ''): Buffer {
  const out: Buffer[] = [Buffer.from('preamble, ignored\r\n')];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    out.push(Buffer.from(`--${B}\r\nContent-Disposition: ${disp}\r\n${p.filename !== undefined ? 'Content-Type: application/x-tar\r\n' : ''}\r\n`));
    out.push(Buffer.from(p.body));
    out.push(Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`--${B}--\r\n${epilogue}`));
  return Buffer.concat(out);
}

/** The bytes in pieces of the given sizes, repeated: seams fall anywhere, delimiters split across pieces. */
async function* pieces(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  for (let off = 0, i = 0; off < bytes.length; i++) {
    const n = sizes[i % sizes.length];
    yield Buffer.from(bytes.subarray(off, off + n));
    off += n;
  }
}

async function readAll(r: FormDataReader) {
  const out: Array<{ name: string; filename: string | null; body: Buffer }> = [];
  for (let p = await r.next(); p; p = await r.next()) {
    const chunks: Buffer[] = [];
    for await (const c of r.body()) chunks.push(Buffer.from(c));
    out.push({ name: p.name, filename: p.filename, body: Buffer.concat(chunks) });
  }
  return out;
}

/** An Invalid's message, which starts with the field it names. */
function invalidField(e: unknown): string {
  expect(e).toBeInstanceOf(Invalid);
  return (e as Invalid).message;
}

describe('FormDataReader', () => {
  // File content that looks like a delimiter without being one: CRLF, dashes, a prefix of the boundary.
  const tricky = Buffer.concat([Buffer.from(`\r\n--${B.slice(0, 20)}\r\n-- \r\n`), Buffer.alloc(70_000, 0x2d), Buffer.from(`\r\n--${B}x`.slice(0, 30))]);
  const body = form([{ name: 'harbor_project_name', body: 'alpha' }, { name: 'tag_name', body: 'v1' }, { name: 'image', filename: 'a.tar', body: tricky }], 'epilogue');

  for (const sizes of [[1], [3, 1, 50], [7, 4096, 1], [65_536], [body.length]]) {
    it(`reads fields and the file whatever the pieces (${sizes.join(',')})`, async () => {
      const parts = await readAll(new FormDataReader(pieces(body, sizes), B));
      expect(parts.map((p) => [p.name, p.filename])).toEqual([['harbor_project_name', null], ['tag_name', null], ['image', 'a.tar']]);
      expect(parts[0].body.toString()).toBe('alpha');
      expect(parts[1].body.toString()).toBe('v1');
      expect(parts[2].body.equals(tricky)).toBe(true);
    });
  }

  it('text() reads a field; over its limit it is refused naming the field', async () => {
    const r = new FormDataReader(pieces(form([{ name: 'a', body: 'x'.repeat(10) }, { name: 'b', body: 'y'.repeat(11) }]), [5]), B);
    expect((await r.next())!.name).toBe('a');
    expect(await r.text(10, 'a')).toBe('x'.repeat(10));
    expect((await r.next())!.name).toBe('b');
    const e = await r.text(10, 'b').catch((x: unknown) => x);
    expect(invalidField(e)).toMatch(/^b: /);
  });

  it('a part left unread is skipped by next(); a consumer that stops early loses nothing', async () => {
    const r = new FormDataReader(pieces(body, [1000]), B);
    await r.next();
    await r.next();
    const image = await r.next();
    expect(image!.filename).toBe('a.tar');
    const it = r.body()[Symbol.asyncIterator]();
    const first = (await it.next()).value as Buffer;
    await it.return!(undefined);
    const rest: Buffer[] = [];
    for await (const c of r.body()) rest.push(Buffer.from(c));
    expect(Buffer.concat([first, ...rest]).equals(tricky)).toBe(true);
    expect(await r.next()).toBeNull();
  });

  it('refuses truncated and malformed bodies as `body`', async () => {
    const cases: Buffer[] = [
      body.subarray(0, body.length - 200), // ends inside the file
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n`), // ends inside headers
      Buffer.from(`--${B}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${B}--`), // no name
      Buffer.from(`--${B}\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--${B}--`), // not form-data
      Buffer.from(`--${B}\r\nX: ${'h'.repeat(20_000)}\r\n\r\nx\r\n--${B}--`), // headers too long
      Buffer.from('no boundary at all'),
    ];
    for (const c of cases) {
      const e = await readAll(new FormDataReader(pieces(c, [100]), B)).catch((x: unknown) => x);
      expect(invalidField(e)).toMatch(/^body: malformed multipart\/form-data/);
    }
  });

  /** The file part read with claims, as a tar reader makes them: `claim(seen)` gives the part offset its bytes run to once `seen` bytes were read. */
  async function readFileClaiming(src: Buffer, sizes: number[], claim: (seen: number) => number) {
    const r = new FormDataReader(pieces(src, sizes), B);
    const out: Array<{ name: string; body: Buffer }> = [];
    for (let p = await r.next(); p; p = await r.next()) {
      const stream = r.body();
      const chunks: Buffer[] = [];
      let seen = 0;
      if (p.filename !== null) contentUntil(stream, claim(0));
      for await (const c of stream) {
        chunks.push(Buffer.from(c));
        seen += c.length;
        if (p.filename !== null) contentUntil(stream, claim(seen));
      }
      out.push({ name: p.name, body: Buffer.concat(chunks) });
    }
    return out;
  }

  for (const sizes of [[1], [3, 1, 50], [7, 4096, 1], [65_536], [body.length]]) {
    it(`true content claims read the same bytes (${sizes.join(',')})`, async () => {
      // All of it at once, or each time up to 1000 bytes ahead of what was read (as entry by entry).
      for (const claim of [() => tricky.length, (seen: number) => Math.min(tricky.length, seen + 1000)]) {
        const parts = await readFileClaiming(body, sizes, claim);
        expect(parts.map((p) => p.name)).toEqual(['harbor_project_name', 'tag_name', 'image']);
        expect(parts[2].body.equals(tricky)).toBe(true);
      }
    });
  }

  it('claimed content is not searched: a claim past the delimiter takes it as content, one past the body ends in the body error', async () => {
    // The file first, a field after it: a claim 10 bytes past the file's end runs through its delimiter.
    const fileFirst = form([{ name: 'image', filename: 'a.tar', body: tricky }, { name: 'tag_name', body: 'v1' }]);
    for (const sizes of [[3, 1, 50], [65_536]]) {
      const parts = await readFileClaiming(fileFirst, sizes, () => tricky.length + 10);
      expect(parts.map((p) => p.name)).toEqual(['image']);
      expect(parts[0].body.subarray(0, tricky.length).equals(tricky)).toBe(true);
      expect(parts[0].body.subarray(tricky.length).toString('latin1')).toMatch(new RegExp(`^\\r\\n--${B}\\r\\nContent-Disposition: form-data; name="tag_name"\\r\\n\\r\\nv1$`));
      const e = await readFileClaiming(fileFirst, sizes, () => fileFirst.length).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ClaimedContentMissing);
      expect(invalidField(e)).toBe('body: malformed multipart/form-data: the body ends inside a part');
    }
  });

  it('a claim is per part, and contentUntil on a stream without claims does nothing', async () => {
    const twoFiles = form([{ name: 'a', filename: 'a.tar', body: tricky }, { name: 'b', filename: 'b.tar', body: tricky }]);
    const parts = await readFileClaiming(twoFiles, [4096], () => tricky.length);
    expect(parts.map((p) => [p.name, p.body.equals(tricky)])).toEqual([['a', true], ['b', true]]);
    expect(() => contentUntil((async function* () {})(), 10)).not.toThrow();
  });

  it('drain() reads the request to its end', async () => {
    let read = 0;
    async function* counted() {
      for await (const c of pieces(body, [10])) {
        read += c.length;
        yield c;
      }
    }
    const r = new FormDataReader(counted(), B);
    await r.next();
    await r.drain();
    expect(read).toBe(body.length);
  });

  it('reads a web stream (a route handler\'s body), e.g. what undici makes of a FormData', async () => {
    const fd = new FormData();
    fd.append('harbor_project_name', 'alpha');
    fd.append('image', new Blob([new Uint8Array(tricky)]), 'x.tar');
    const req = new Request('http://pier.test/', { method: 'POST', body: fd });
    const boundary = boundaryOf(req.headers.get('content-type')!);
    expect(boundary).not.toBeNull();
    const parts = await readAll(new FormDataReader(webChunks(req.body!), boundary!));
    expect(parts.map((p) => p.name)).toEqual(['harbor_project_name', 'image']);
    expect(parts[1].body.equals(tricky)).toBe(true);
  });

  it('boundaryOf reads plain and quoted boundaries; none or over 70 characters is null', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeNull();
  });
});
