import type { IncomingMessage, ServerResponse } from 'node:http';
import { coalescedBody } from '../http/node/coalesced-body';
import { sendWebResponse, webRequestOf } from '../http/node/web-bridge';
import { uploadImageRoute, withNodeBody } from './upload-route';

/** The pieces the upload's layers (multipart, tar, entry writer) see, whatever the socket's are (docs/registry.md). */
const BODY_CHUNK = Number(process.env.PIER_UPLOAD_CHUNK_KB || 1024) << 10;

/**
 * The body's chunks are lent and reused (lib/http/borrowed-chunks.ts): a few
 * buffers serve the whole upload, and large pieces are written straight from
 * them, each chunk pinned until its write has ended (registry/archive/entry-writer.ts).
 * PIER_UPLOAD_REUSE_CHUNKS=0 gives a fresh buffer per chunk instead (the tenth
 * to twelfth sessions' default; docs/performance.md, "Upload (thirteenth session)"). Read per request.
 */
const reuseChunks = () => process.env.PIER_UPLOAD_REUSE_CHUNKS !== '0';

/** The body's pieces taken from Node's HTTP parser, past the request's stream machinery (lib/http/node/parser-pushes.ts); PIER_UPLOAD_FROM_PARSER=0 reads the request as a stream. Read per request. */
const fromParser = () => process.env.PIER_UPLOAD_FROM_PARSER !== '0';

const PATH = /^\/api\/ecns\/([^/?#]+)\/images\/upload_image\/?(?:\?.*)?$/;

/**
 * The ECNS upload answered by Pier's Node server directly, with the same
 * handler as the Next.js route: the archive (up to gigabytes) is read off
 * the request as Node gives it. Through Next.js every piece of the body is
 * copied into a web stream's chunk and read back through two stream layers
 * (docs/registry.md). Returns false for any other request, which Next.js
 * then serves. lib/tooling/serve.ts calls it before Next.js unless
 * PIER_UPLOAD_DIRECT=0.
 */
export function answerUpload(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST') return false;
  const m = PATH.exec(req.url ?? '');
  if (!m) return false;
  let productType: string;
  try {
    productType = decodeURIComponent(m[1]);
  } catch {
    return false;
  }
  // No body on the web Request: the handler reads the Node request (withNodeBody), in large chunks.
  const request = withNodeBody(webRequestOf(req, res, { body: false }), coalescedBody(req, BODY_CHUNK, 2, { reuse: reuseChunks(), fromParser: fromParser() }));
  void uploadImageRoute(request, { params: Promise.resolve({ productType }) })
    .then((response) => {
      // An answer before the body was read (a bad token, a wrong content type): the rest is read and dropped.
      if (!req.readableEnded) req.resume();
      return sendWebResponse(res, response);
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  return true;
}
