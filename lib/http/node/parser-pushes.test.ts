import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { coalescedBody } from './coalesced-body';
import { takeParserPushes } from './parser-pushes';

const KB = 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A real HTTP server on 127.0.0.1 whose handler gets each request; stopped after each test. */
let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = null;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** POSTs `body` in pieces of `piece` bytes; resolves with the answer's text. */
function post(port: number, body: Buffer, piece = 64 * KB): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-length': body.length } }, (res) => {
      const out: Buffer[] = [];
      res.on('data', (c: Buffer) => out.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(out).toString() }));
    });
    req.on('error', reject);
    void (async () => {
      for (let off = 0; off < body.length; off += piece) {
        if (!req.write(body.subarray(off, off + piece))) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })();
  });
}

describe('takeParserPushes', () => {
  it('gets every piece of a request body in order, then the end; the request ends as a stream too', async () => {
    const body = randomBytes(3 * 1024 * KB + 77);
    const port = await serve((req, res) => {
      const pieces: Buffer[] = [];
      let ended = 0;
      const taken = takeParserPushes(req, (p) => pieces.push(Buffer.from(p)), () => ended++);
      expect(taken).not.toBeNull();
      req.on('end', () => {
        // The request has its own push back, and its stream state says ended.
        const own = Object.prototype.hasOwnProperty.call(req, 'push');
        res.end(JSON.stringify({ sha: sha(Buffer.concat(pieces)), pieces: pieces.length, ended, own, readableEnded: req.readableEnded }));
      });
    });
    const { text } = await post(port, body, 50 * KB);
    const r = JSON.parse(text);
    expect(r.sha).toBe(sha(body));
    expect(r.pieces).toBeGreaterThan(1);
    expect(r.ended).toBe(1);
    expect(r.own).toBe(false);
    expect(r.readableEnded).toBe(true);
  });

  it('takes what the stream held already when the whole body came before it was taken', async () => {
    const body = randomBytes(10 * KB);
    const port = await serve((req, res) => {
      const wait = (): Promise<void> => (req.complete ? Promise.resolve() : new Promise((r) => setTimeout(r, 5)).then(wait));
      void wait().then(() => {
        const pieces: Buffer[] = [];
        let ended = 0;
        takeParserPushes(req, (p) => pieces.push(Buffer.from(p)), () => ended++);
        res.end(JSON.stringify({ sha: sha(Buffer.concat(pieces)), ended }));
      });
    });
    const r = JSON.parse((await post(port, body)).text);
    expect(r).toEqual({ sha: sha(body), ended: 1 });
  });

  it('stops the socket while paused and starts it again on resume', async () => {
    const body = randomBytes(8 * 1024 * KB);
    const port = await serve((req, res) => {
      let got = 0;
      let gotWhenPaused = -1;
      const taken = takeParserPushes(
        req,
        (p) => {
          got += p.length;
          // Paused after the first MiB: the parser must not hand over more than the pieces already in flight.
          if (gotWhenPaused < 0 && got >= 1024 * KB) {
            gotWhenPaused = got;
            taken!.pause();
            setTimeout(() => {
              const during = got - gotWhenPaused;
              taken!.resume();
              resolveDuring(during);
            }, 300);
          }
        },
        () => void during.then((d) => res.end(JSON.stringify({ got, during: d }))),
      );
      let resolveDuring!: (n: number) => void;
      const during = new Promise<number>((r) => (resolveDuring = r));
    });
    const r = JSON.parse((await post(port, body)).text);
    expect(r.got).toBe(body.length);
    // At most one more socket read's worth arrived in the 300 ms the socket was stopped.
    expect(r.during).toBeLessThanOrEqual(64 * KB);
  });

  it('leaves anything but an untouched request alone', async () => {
    expect(takeParserPushes(new PassThrough(), () => {}, () => {})).toBeNull();
    expect(takeParserPushes(Readable.from([Buffer.from('x')]), () => {}, () => {})).toBeNull();
    const port = await serve((req, res) => {
      req.on('data', () => {});
      const taken = takeParserPushes(req, () => {}, () => {});
      req.on('end', () => res.end(String(taken)));
    });
    expect((await post(port, randomBytes(KB))).text).toBe('null');
  });
});

describe('coalescedBody from the parser', () => {
  it('hands over a request body in chunks, the same bytes, pausing the socket when chunks queue up', async () => {
    const body = randomBytes(5 * 1024 * KB + 999);
    const port = await serve((req, res) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const c of coalescedBody(req, 1024 * KB, 2, { fromParser: true })) {
          chunks.push(Buffer.from(c));
          // A slow reader: the socket is stopped meanwhile, so the body must still arrive whole and in order.
          await new Promise((r) => setTimeout(r, 20));
        }
        res.end(JSON.stringify({ sha: sha(Buffer.concat(chunks)), sizes: chunks.map((c) => c.length), own: Object.prototype.hasOwnProperty.call(req, 'push') }));
      })();
    });
    const r = JSON.parse((await post(port, body, 64 * KB)).text);
    expect(r.sha).toBe(sha(body));
    expect(r.sizes).toEqual([...Array(5).fill(1024 * KB), 999]);
    expect(r.own).toBe(false);
  });

  it('fails the reader when the client goes away before the body is complete', async () => {
    let failure: Promise<string> = Promise.resolve('');
    const port = await serve((req) => {
      failure = (async () => {
        try {
          for await (const _ of coalescedBody(req, 64 * KB, 2, { fromParser: true })) void _;
          return 'ended';
        } catch (e) {
          return (e as Error).message;
        }
      })();
    });
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-length': 10 * 1024 * KB } });
    req.on('error', () => {});
    req.write(randomBytes(256 * KB));
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await expect.poll(async () => await failure, { timeout: 5000 }).toMatch(/ended before its body was complete|aborted/);
  });
});
