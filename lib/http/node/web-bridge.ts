import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A Node request as a web Request; its signal aborts when the client goes away before the answer ends.
 * `body: false`: the Request carries no body, for a handler that reads the Node request itself.
 */
export function webRequestOf(req: IncomingMessage, res: ServerResponse, opts: { body?: boolean } = {}): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const method = req.method ?? 'GET';
  const hasBody = opts.body !== false && method !== 'GET' && method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method,
    headers,
    signal: abort.signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

const openBodies = new Set<ReadableStreamDefaultReader<Uint8Array>>();

/** Cancels every body still being sent (watches, log follows): a server stopping, or a test disposing of its store. */
export async function cancelOpenBodies(): Promise<void> {
  const readers = [...openBodies];
  openBodies.clear();
  await Promise.all(readers.map((r) => r.cancel().catch(() => undefined)));
}

/**
 * Writes a web Response on a Node response: status, headers, then the body
 * chunk by chunk as the handler produces it (a watch stays open), waiting for
 * the socket to drain, and cancelling the body when the client leaves.
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  openBodies.add(reader);
  const gone = () => void reader.cancel().catch(() => {});
  res.once('close', gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await new Promise<void>((resolve) => {
        const go = () => { res.off('drain', go); res.off('close', go); resolve(); };
        res.on('drain', go);
        res.on('close', go);
      });
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    openBodies.delete(reader);
    res.off('close', gone);
  }
}
