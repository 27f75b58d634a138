import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELETE, GET, PATCH, POST, PUT } from '@/app/k8s/[cluster]/[...path]/route';

const HANDLERS: Record<string, typeof GET> = { GET, POST, PUT, PATCH, DELETE };

export interface SimServer {
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

const readers = new Set<ReadableStreamDefaultReader<Uint8Array>>();

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const m = /^\/k8s\/([^/]+)\/(.*)$/.exec(url.pathname);
  const handler = HANDLERS[req.method ?? 'GET'];
  if (!m || !handler) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not a /k8s/<cluster>/ path');
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  headers.set('x-pier-peer-address', req.socket.remoteAddress ?? '127.0.0.1');
  const body = await readBody(req);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const request = new Request(url, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined, signal: abort.signal });
  const segments = m[2].split('/').filter(Boolean).map(decodeURIComponent);
  const answer = await handler(request, { params: Promise.resolve({ cluster: decodeURIComponent(m[1]), path: segments }) });
  res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
  if (!answer.body) {
    res.end();
    return;
  }
  // Streamed as it comes: watches are long-lived chunked answers. Headers are not flushed ahead of the
  // first chunk, as Next.js does not either: clients must not wait for them before going on.
  const reader = answer.body.getReader();
  readers.add(reader);
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) break;
    res.write(value);
  }
  readers.delete(reader);
  res.end();
}

/**
 * A real HTTP server on 127.0.0.1 in front of the /k8s route handler, so
 * integration tests reach simulated clusters the way a running Pier does:
 * client-node over TCP. Sets PIER_SELF_URL to it.
 */
export async function startSimServer(): Promise<SimServer> {
  const server: Server = createServer((req, res) => {
    serve(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PIER_SELF_URL = url;
  return {
    url,
    close: async () => {
      // Cancel open watch streams first, so they stop polling the store before a test disposes of it.
      await Promise.all([...readers].map((r) => r.cancel().catch(() => undefined)));
      readers.clear();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
