import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * Bodies from this size on are gzipped for clients that accept it, at level
 * 1: the apiserver's rule (128 KiB, gzip level 1). Except, by default, for
 * clients on this machine (a loopback peer: Pier's own cluster adapter,
 * kubectl on the host, a local proxy): there compression only costs CPU,
 * about half again what the rest of a 500-pod list costs Pier
 * (docs/performance.md). PIER_K8S_GZIP: `auto` (that rule, the default),
 * `on` (every client that accepts gzip), `off` (never).
 */
export const GZIP_MIN_BYTES = 128 * 1024;
const GZIP_LEVEL = 1;

/** Whether large answers to this client's connection may be gzipped at all (PIER_K8S_GZIP, above). */
function gzipFor(req: IncomingMessage): boolean {
  const mode = process.env.PIER_K8S_GZIP ?? 'auto';
  if (mode === 'off') return false;
  return mode === 'on' || !isLoopback(req.socket.remoteAddress);
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** True when an Accept-Encoding header admits gzip (explicitly or by `*`, with q > 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const refused = q !== undefined && Number(q.slice(2)) === 0;
    if (coding === 'gzip') return !refused;
    if (coding === '*') star = !refused;
  }
  return star;
}

/**
 * Writes a JSON text answer on a Node response in one piece, with its
 * length, gzipped (off the event loop, in libuv's pool) when it is large and
 * the client accepts gzip. No web stream in between: for a 500-pod list that
 * bridge cost more than the store's query.
 */
export async function sendText(req: IncomingMessage, res: ServerResponse, status: number, headers: Headers, text: string): Promise<void> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  let body = Buffer.from(text);
  if (body.length >= GZIP_MIN_BYTES && gzipFor(req)) {
    out.vary = 'Accept-Encoding';
    if (acceptsGzip(req.headers['accept-encoding'])) {
      body = await gzipAsync(body, { level: GZIP_LEVEL });
      out['content-encoding'] = 'gzip';
    }
  }
  out['content-length'] = String(body.length);
  if (res.destroyed) return;
  res.writeHead(status, out);
  res.end(body);
}
